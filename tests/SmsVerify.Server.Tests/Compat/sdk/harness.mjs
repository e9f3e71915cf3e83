// What the three vendor scripts share: read one JSON command from stdin, run the SDK call, print one JSON line.
//
// Options every script understands (command.options):
//   clockSkewSeconds: N   the SDK sees a clock N seconds off (negative = behind), so its signed timestamp is skewed
//   replay: true          after the call, the SDK makes the same call again, but what goes on the wire is the first
//                         call's request byte for byte (same nonce, timestamp and signature); the SDK parses the
//                         answer as usual, and the output gains `replay: { ok, body | error }`. Meant for calls of
//                         one request (not a Twilio list that follows pages)
//   wrongSecret: true     the SDK signs with the configured secret plus "-wrong"
//
// Output: { ok: true, body, ...extra } or { ok: false, error: { name, code, message, ... } }, plus `requests`: what
// went on the wire ({ method, path, headers, body }), for messages when an assertion fails.
// An error thrown by the SDK, whatever it is, is a result; only a bad command (unknown call or field) or a bug
// here exits non-zero.
import http from 'node:http';
import { readFileSync } from 'node:fs';

function readCommand() {
  const command = JSON.parse(readFileSync(0, 'utf8'));
  if (!command.endpoint || !command.call) {
    throw new Error('the command needs at least endpoint and call');
  }
  command.options ??= {};
  command.credentials ??= {};
  command.params ??= {};
  return command;
}

export function secretOf(command, value) {
  return command.options.wrongSecret ? `${value}-wrong` : value;
}

// prepare(command) builds the client and returns a function that makes the call and resolves to the output fields
// ({ body, ... }); it runs again for a replay, so each call gets a fresh client as a real second call would.
export async function run(prepare) {
  const command = readCommand();
  skewClock(command.options.clockSkewSeconds ?? 0);
  const wire = recordWire();
  const output = await settle(await prepare(command));
  if (command.options.replay) {
    wire.replayFirstRequest();
    output.replay = await settle(await prepare(command));
  }
  output.requests = wire.requests;
  // Exit at once: an SDK's keep-alive socket must not hold the process (and the test) open.
  process.stdout.write(`${JSON.stringify(output)}\n`, () => process.exit(0));
}

async function settle(call) {
  try {
    return { ok: true, ...plain(await call()) };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

// The fields the three SDKs put on their errors: Alibaba ClientError/ServerError (code, statusCode, requestId, data,
// description, accessDeniedDetail), Tencent TencentCloudSDKHttpException (code, httpCode, requestId, traceId),
// Twilio RestException (status, code, moreInfo, details).
const errorFields = ['code', 'statusCode', 'httpCode', 'status', 'message', 'requestId', 'traceId', 'data',
  'description', 'accessDeniedDetail', 'moreInfo', 'details'];

function describeError(error) {
  // Tencent and Twilio leave name at "Error": their class name (TencentCloudSDKHttpException, RestException) says more.
  const generic = !error?.name || error.name === 'Error';
  const described = { name: generic ? error?.constructor?.name ?? typeof error : error.name };
  for (const field of errorFields) {
    if (error?.[field] !== undefined) {
      described[field] = error[field];
    }
  }
  return plain(described);
}

// JSON round trip: SDK models become plain objects (Twilio instances through their own toJSON), Dates become text.
function plain(value) {
  return JSON.parse(JSON.stringify(value ?? null));
}

// Every SDK here takes its time from `new Date()` or `Date.now()`; shifting both shifts the signed timestamp.
function skewClock(seconds) {
  if (!seconds) {
    return;
  }
  const RealDate = Date;
  const skewMs = seconds * 1000;
  globalThis.Date = class SkewedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) {
        super(RealDate.now() + skewMs);
      } else {
        super(...args);
      }
    }

    static now() {
      return RealDate.now() + skewMs;
    }
  };
}

// All three SDKs end in http.request, looked up on the module at call time (httpx, node-fetch, axios through
// follow-redirects), so wrapping it sees every request. Plain http only: the scripts always talk to http://.
function recordWire() {
  const realRequest = http.request;
  const requests = [];
  let replayFrom = null;

  http.request = function request(...args) {
    const options = replayFrom ? { ...optionsOf(args), ...replayFrom.target } : null;
    const req = options
      ? realRequest.call(http, options, ...args.filter(arg => typeof arg === 'function'))
      : realRequest.apply(http, args);
    const chunks = [];
    const realWrite = req.write;
    const realEnd = req.end;
    const replaying = replayFrom;
    // On a replay the SDK's own (freshly signed) body is dropped and the first request's body is sent instead.
    req.write = function write(chunk, ...rest) {
      if (replaying) {
        rest.find(arg => typeof arg === 'function')?.();
        return true;
      }
      if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
        chunks.push(Buffer.from(chunk));
      }
      return realWrite.call(this, chunk, ...rest);
    };
    req.end = function end(chunk, ...rest) {
      if (replaying) {
        requests.push({ ...replaying.shown, replayed: true });
        return realEnd.call(this, replaying.body, ...rest.filter(arg => typeof arg === 'function'));
      }
      if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
        chunks.push(Buffer.from(chunk));
      }
      const result = realEnd.call(this, chunk, ...rest);
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method, path: req.path, headers: sentHeadersOf(req), body: body.toString('utf8'), raw: body });
      return result;
    };
    return req;
  };

  return {
    get requests() {
      return requests.map(({ raw, ...shown }) => shown);
    },
    replayFirstRequest() {
      const first = requests[0];
      if (!first) {
        throw new Error('replay: the first call sent no request');
      }
      const { raw, ...shown } = first;
      replayFrom = { target: { method: first.method, path: first.path, headers: first.headers }, body: raw, shown };
    },
  };
}

// The headers as they went out, names in their case and order. Read from the header block Node wrote
// (req._header, which httpx reads too) rather than getHeaders(), which lacks what Node adds itself
// (Content-Length: 0, Connection) and lowercases the names. Given back to http.request with Host, Content-Length
// and Connection in it, Node adds nothing, so a replay writes the same block. (None of these SDKs repeats a header.)
function sentHeadersOf(req) {
  return Object.fromEntries(req._header.split('\r\n').slice(1).filter(Boolean).map(line => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  }));
}

// http.request(url?, options?, callback?): the options of the SDK's own call, keeping its agent, host and timeout.
function optionsOf(args) {
  const url = args.find(arg => typeof arg === 'string' || arg instanceof URL);
  const options = args.find(arg => arg && typeof arg === 'object' && !(arg instanceof URL)) ?? {};
  if (!url) {
    return { ...options };
  }
  const parsed = new URL(url);
  return { hostname: parsed.hostname, port: parsed.port, ...options };
}
