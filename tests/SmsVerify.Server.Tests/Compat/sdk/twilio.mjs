// Drives Twilio's official Node.js library, unchanged, against a local server: only the origin of its URLs
// (https://verify.twilio.com) is swapped, through the documented custom httpClient hook.
//   node twilio.mjs < command.json   prints one JSON line (see harness.mjs for the shared options and output)
//
// Command:
//   {
//     "endpoint": "127.0.0.1:18080",                       or "http://127.0.0.1:18080/twilio": a path prefix is kept
//     "credentials": { "accountSid": "AC…", "authToken": "…" },
//     "options": { "wrongSecret": true, "replay": true },
//     "call": "verifications.create",                      a path under client.verify.v2, then the method
//     "service": "VA…",                                    the sid of each collection on the way, by its singular:
//     "rateLimit": "RK…", "bucket": "BL…",                 services → service, rateLimits → rateLimit, buckets → bucket
//     "sid": "VE…",                                        the sid of the last collection (fetch, update, remove)
//     "params": { "to": "+15017122661", "channel": "sms" }   the library's camelCase options
//   }
// Examples: { "call": "services.create", "params": { "friendlyName": "My app" } }
//           { "call": "services.fetch", "service": "VA…" }          { "call": "services.list", "params": { "limit": 20 } }
//           { "call": "verifications.update", "service": "VA…", "sid": "VE…", "params": { "status": "canceled" } }
//           { "call": "verificationChecks.create", "service": "VA…", "params": { "to": "+1…", "code": "123456" } }
//           { "call": "rateLimits.buckets.create", "service": "VA…", "rateLimit": "RK…", "params": { "max": 4, "interval": 60 } }
// A call that does not start with "services." is taken under services, so "verifications.create" means
// "services.verifications.create".
//
// Output: { ok: true, body: <the resource (or list) as the library's toJSON gives it, camelCase> } or
//         { ok: false, error: { name, status, code, message, moreInfo, details } }.
import { createRequire } from 'node:module';
import { run, secretOf } from './harness.mjs';

const require = createRequire(import.meta.url);
const twilio = require('twilio');

// The sid field for each collection; any other collection "things" takes "thing".
const sidFields = { services: 'service', rateLimits: 'rateLimit', buckets: 'bucket', entities: 'entity' };
const sidFieldOf = collection => sidFields[collection] ?? collection.replace(/s$/, '');
const methodsOnOne = new Set(['fetch', 'update', 'remove']);

await run(command => {
  const origin = /^https?:\/\//.test(command.endpoint) ? command.endpoint.replace(/\/$/, '') : `http://${command.endpoint}`;
  class LocalRequestClient extends twilio.RequestClient {
    request(opts) {
      const url = new URL(opts.uri);
      return super.request({ ...opts, uri: `${origin}${url.pathname}${url.search}` });
    }
  }
  // Timeouts are 30 s, not the SDKs' 10 s: on a loaded 2-core CI machine an answer can be slow, and slowness is what
  // the benchmarks measure, not these tests (VendorSdk still stops a script after 60 s).
  const client = twilio(command.credentials.accountSid, secretOf(command, command.credentials.authToken), {
    httpClient: new LocalRequestClient({ timeout: 30000, keepAlive: false, autoRetry: false }),
  });

  const path = command.call.split('.');
  const method = path.pop();
  if (path[0] !== 'services') {
    path.unshift('services');
  }
  let target = client.verify.v2;
  path.forEach((collection, index) => {
    const last = index === path.length - 1;
    const sid = last && methodsOnOne.has(method) ? command.sid ?? command[sidFieldOf(collection)] : command[sidFieldOf(collection)];
    const one = !last || methodsOnOne.has(method);
    if (target[collection] === undefined || (one && typeof target[collection] !== 'function')) {
      throw new Error(`${path.slice(0, index + 1).join('.')} is not a collection of client.verify.v2`);
    }
    if (one && !sid) {
      throw new Error(`${command.call} needs "${last ? 'sid' : sidFieldOf(collection)}"`);
    }
    target = one ? target[collection](sid) : target[collection];
  });
  if (typeof target[method] !== 'function') {
    throw new Error(`${command.call}: ${method} is not a method there`);
  }
  // fetch and remove take no options: a stray {} would not hurt, but the library's own signature is kept.
  const args = Object.keys(command.params).length > 0 ? [command.params] : [];
  return async () => ({ body: await target[method](...args) });
});
