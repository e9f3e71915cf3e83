#!/usr/bin/env python3
"""Adds Chinese for console words to WebConsole/ConsoleText.zh-CN.resx and keeps its entries sorted by key.

Reads lines of `English<TAB>Chinese` on stdin (the English is the key pages look up); an existing key is replaced.
With --missing it adds nothing and prints the keys the pages use that have no Chinese yet.

    printf 'Sandbox\t沙箱\n' | python3 tools/console-text.py
    python3 tools/console-text.py --missing
"""
import glob
import html
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESX = ROOT / "src/SmsVerify.Server/WebConsole/ConsoleText.zh-CN.resx"
ENTRY = re.compile(r'  <data name="((?:[^"])*)" xml:space="preserve"><value>(.*?)</value></data>\n')


def read():
    text = RESX.read_text(encoding="utf-8")
    first = text.index("  <data ")
    last = text.rindex("</data>\n") + len("</data>\n")
    entries = {html.unescape(m.group(1)): html.unescape(m.group(2)) for m in ENTRY.finditer(text[first:last])}
    return text[:first], entries, text[last:]


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write(head, entries, tail):
    body = "".join(
        f'  <data name="{escape(k).replace(chr(34), "&quot;")}" xml:space="preserve"><value>{escape(v)}</value></data>\n'
        for k, v in sorted(entries.items(), key=lambda kv: kv[0].encode("utf-16-be")))
    RESX.write_text(head + body + tail, encoding="utf-8")


def missing(entries):
    used = set()
    for f in glob.glob(str(ROOT / "src/SmsVerify.Server/WebConsole/**/*.cs*"), recursive=True):
        used.update(m.group(1) for m in re.finditer(r'\b(?:T|text)\["((?:[^"\\]|\\.)*)"', pathlib.Path(f).read_text(encoding="utf-8")))
    return sorted(k for k in used if k not in entries)


def main():
    head, entries, tail = read()
    if sys.argv[1:] == ["--missing"]:
        print("\n".join(missing(entries)))
        return
    for line in sys.stdin.read().splitlines():
        if line.strip():
            key, value = line.split("\t", 1)
            entries[key] = value
    write(head, entries, tail)


if __name__ == "__main__":
    main()
