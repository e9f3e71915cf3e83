#!/usr/bin/env node
// smpp-client.js -- a tenant's gateway on the npm package "smpp" (node-smpp 0.5.1, installed in
// tests/SmsVerify.Smpp.Tests/peer; run with NODE_PATH pointing at its node_modules). Loopback only.
//
// Usage: node smpp-client.js PORT SYSTEM_ID PASSWORD TO TEXT [COUNT]
// Binds as a transceiver, sends COUNT (default 1) submit_sm at once in UCS-2 asking for a receipt, waits for a
// receipt for every one accepted, then unbinds. Prints one JSON line per event:
//   {"event":"bind_transceiver_resp","status":0}
//   {"event":"submit_sm_resp","status":0,"message_id":"..."}
//   {"event":"receipt","receipted_message_id":"...","message_state":2,"text":"id:... stat:DELIVRD ..."}
//   {"event":"unbind_resp","status":0}
// Exit status 0 when it unbound after every receipt it waited for, 1 otherwise; it gives up after 60 s.
'use strict';
const smpp = require('smpp');

const [port, systemId, password, to, text, count = '1'] = process.argv.slice(2);
const emit = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const guard = setTimeout(() => { emit({ event: 'timeout' }); process.exit(1); }, 60000);

const session = smpp.connect({ url: `smpp://127.0.0.1:${port}` });
session.on('error', (e) => { emit({ event: 'error', message: String(e) }); process.exit(1); });
let owed = 0;
let answered = 0;

function finish() {
  session.unbind((pdu) => {
    emit({ event: 'unbind_resp', status: pdu.command_status });
    clearTimeout(guard);
    session.close();
    process.exit(0);
  });
}

session.on('deliver_sm', (pdu) => {
  session.send(pdu.response());
  if ((pdu.esm_class & 0x3c) !== 0x04) return;
  const sm = pdu.short_message || {};
  emit({ event: 'receipt', receipted_message_id: pdu.receipted_message_id, message_state: pdu.message_state,
    text: typeof sm === 'string' ? sm : String(sm.message) });
  owed -= 1;
  if (answered === Number(count) && owed === 0) finish();
});

session.bind_transceiver({ system_id: systemId, password }, (bound) => {
  emit({ event: 'bind_transceiver_resp', status: bound.command_status });
  if (bound.command_status !== 0) process.exit(1);
  // UTF-16BE octets with data_coding 8, as gateways send Chinese text.
  const ucs2 = Buffer.from(text, 'utf16le').swap16();
  for (let i = 0; i < Number(count); i++) {
    session.submit_sm({ source_addr: '10690001', destination_addr: to, dest_addr_ton: 1, dest_addr_npi: 1,
      registered_delivery: 1, data_coding: 8, short_message: ucs2 }, (resp) => {
      emit({ event: 'submit_sm_resp', status: resp.command_status, message_id: resp.message_id });
      answered += 1;
      if (resp.command_status === 0) owed += 1;
      if (answered === Number(count) && owed === 0) finish();
    });
  }
});
