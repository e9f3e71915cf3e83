#!/usr/bin/env python3
"""Rewrites the table in docs/problems.md from ProblemTypes.cs, the one catalogue of problem codes."""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
source = (root / "src/SmsVerify.Server/Infrastructure/Problems/ProblemTypes.cs").read_text(encoding="utf-8")
pattern = re.compile(r'new\("([a-z_]+)",\s*(\d+),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\)', re.S)
rows = [f"| `{code}` | {status} | {title}. {description} |" for code, status, title, description in pattern.findall(source)]
doc = root / "docs/problems.md"
text = doc.read_text(encoding="utf-8")
header = "| code | status | meaning |\n| --- | --- | --- |\n"
start = text.index(header) + len(header)
end = start
lines = text[start:].split("\n")
consumed = 0
for line in lines:
    if not line.startswith("|"):
        break
    consumed += len(line) + 1
doc.write_text(text[:start] + "\n".join(rows) + "\n" + text[start + consumed:], encoding="utf-8")
print(f"{len(rows)} codes")
