#!/usr/bin/env node
// A tiny SMSC built on the `smpp` npm package, used by SmsVerify.Smpp.Tests as a real peer written by others.
//
//   node smsc.js <port> [--throttle N] [--drop-after N] [--receipts] [--quiet]
//
// Port 0 picks a free port. Every event is one JSON line on stdout; the first is {"event":"listening","port":P}.
//   bind      {system_id, ok}                    bind with system_id "esme" / password "secret", else ESME_RINVPASWD
//   submit    {seq, text, status, message_id, udh, session}   every submit_sm, answered or not
//   message   {message_id, text, parts}          a whole message, reassembled from its UDH parts
//   dropped   {after}                            the connection was destroyed on purpose
//   stats     {submits, distinct}                on a line "stats" on stdin: submit_sm accepted so far, and how many
//                                                distinct (number, part, text) they carried: the rest are duplicates
// --throttle N   answer ESME_RTHROTTLED to the first N submit_sm
// --drop-after N on the first connection, destroy the socket when the Nth submit_sm arrives (never answered)
// --receipts     send a delivery receipt deliver_sm after each accepted submit_sm
// --reply TEXT   after each accepted whole message, the phone answers TEXT (a mobile-originated deliver_sm)
// --quiet        print only the listening and bind events: for load runs, where a line per message would cost the
//                SMSC and its reader more than the SMPP itself
'use strict';
const smpp = require('smpp');

const args = process.argv.slice(2);
const port = Number(args[0] || 0);
const option = (name) => { const i = args.indexOf(name); return i < 0 ? 0 : Number(args[i + 1]); };
const throttle = option('--throttle');
const dropAfter = option('--drop-after');
const receipts = args.includes('--receipts');
const reply = args.includes('--reply') ? args[args.indexOf('--reply') + 1] : null;
const quiet = args.includes('--quiet');

let submits = 0, nextId = 0, sessions = 0;
const texts = new Set();
const parts = new Map(); // "ref/total" -> array of texts
const emit = (event) => {
  if (!quiet || event.event === 'listening' || event.event === 'bind' || event.event === 'stats') {
    process.stdout.write(JSON.stringify(event) + '\n');
  }
};

const server = smpp.createServer((session) => {
  const number = ++sessions;
  const onBind = (pdu) => {
    const ok = pdu.system_id === 'esme' && pdu.password === 'secret';
    emit({ event: 'bind', system_id: pdu.system_id, ok, session: number });
    session.send(pdu.response({ command_status: ok ? 0 : smpp.ESME_RINVPASWD, system_id: 'node-smsc' }));
  };
  session.on('bind_transceiver', onBind);
  session.on('bind_transmitter', onBind);
  session.on('enquire_link', (pdu) => session.send(pdu.response()));
  session.on('unbind', (pdu) => { emit({ event: 'unbind', session: number }); session.send(pdu.response()); session.close(); });
  session.on('error', () => {});
  session.on('submit_sm', (pdu) => {
    const n = ++submits;
    const sm = pdu.short_message || {};
    const text = typeof sm.message === 'string' ? sm.message : (sm.message ? sm.message.toString() : '');
    const udh = sm.udh && sm.udh.length ? [...sm.udh[0]] : null;
    if (dropAfter && number === 1 && n >= dropAfter) {
      emit({ event: 'submit', seq: pdu.sequence_number, text, status: -1, message_id: null, udh, session: number });
      emit({ event: 'dropped', after: n });
      session.destroy();
      return;
    }
    if (n <= throttle) {
      emit({ event: 'submit', seq: pdu.sequence_number, text, status: smpp.ESME_RTHROTTLED, message_id: null, udh, session: number });
      session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
      return;
    }
    const id = (++nextId).toString(16).padStart(8, '0');
    texts.add(`${pdu.destination_addr}|${udh ? udh.join('.') : ''}|${text}`);
    emit({ event: 'submit', seq: pdu.sequence_number, text, status: 0, message_id: id, udh, session: number });
    session.send(pdu.response({ message_id: id }));
    // UDH concatenation IE 0x00: [0x00, 0x03, ref, total, seq] (3GPP TS 23.040 §9.2.3.24.1)
    if (udh && udh[0] === 0x00) {
      const key = `${udh[2]}/${udh[3]}`;
      const list = parts.get(key) || [];
      list[udh[4] - 1] = { text, id };
      parts.set(key, list);
      if (list.filter(Boolean).length === udh[3]) {
        parts.delete(key);
        emit({ event: 'message', message_ids: list.map((p) => p.id), text: list.map((p) => p.text).join(''), parts: udh[3] });
      }
    } else {
      emit({ event: 'message', message_ids: [id], text, parts: 1 });
    }
    const whole = !udh || (udh[0] === 0x00 && udh[4] === udh[3]);
    if (reply && whole) {
      // The phone answers the number the message came from: the channel's source address and the signature's extension.
      session.deliver_sm({ source_addr: pdu.destination_addr, destination_addr: pdu.source_addr, esm_class: 0, short_message: reply });
    }
    if (receipts) {
      const stamp = '2611231200';
      session.deliver_sm({
        source_addr: pdu.destination_addr,
        destination_addr: pdu.source_addr,
        esm_class: 0x04,
        short_message: `id:${id} sub:001 dlvrd:001 submit date:${stamp} done date:${stamp} stat:DELIVRD err:000 text:`,
        receipted_message_id: id,
        message_state: 2,
      });
    }
  });
});

server.listen(port, '127.0.0.1', () => emit({ event: 'listening', port: server.address().port }));
process.stdin.on('end', () => process.exit(0));
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  if (chunk.split('\n').includes('stats')) {
    emit({ event: 'stats', submits: nextId, distinct: texts.size });
  }
});
process.stdin.resume();
