// Drives Alibaba Cloud's official Dysmsapi 2017-05-25 SDK, unchanged, against a local server.
//   node alibaba.mjs < command.json   prints one JSON line (see harness.mjs for the shared options and output)
//
// Command:
//   {
//     "endpoint": "127.0.0.1:18080",                       host:port only, as the SDK wants it
//     "credentials": { "accessKeyId": "…", "accessKeySecret": "…" },
//     "options": {
//       "generation": "current" | "legacy",                 4.6.0 on @alicloud/openapi-core, or 2.0.24 on openapi-client
//       "signatureAlgorithm": "v2",                         RPC HMAC-SHA1 query signature; default ACS3-HMAC-SHA256
//       "clockSkewSeconds": -900, "replay": true, "wrongSecret": true
//     },
//     "call": "SendSms",                                    any Dysmsapi action the SDK has: SendSms, SendBatchSms,
//                                                           QuerySendDetails, AddSmsSign, QuerySmsSign, AddSmsTemplate,
//                                                           CreateSmsTemplate and GetSmsTemplate (current only),
//                                                           QuerySmsTemplate, DeleteSmsTemplate, …
//     "params": { "phoneNumbers": "13800138000", "signName": "阿里云", "templateCode": "SMS_1", "templateParam": "{…}" }
//   }                                                       params are the request model's camelCase fields
//
// Output: { ok: true, body: { code, message, bizId, requestId, … }, statusCode, headers } — the SDK never checks
// Code, so a 200 with Code ≠ OK is ok: true — or { ok: false, error: { name, code, statusCode, requestId, data, … } }.
import { createRequire } from 'node:module';
import { run, secretOf } from './harness.mjs';

const require = createRequire(import.meta.url);

const generations = {
  current: () => ({
    Dysmsapi: require('@alicloud/dysmsapi20170525'),
    Config: require('@alicloud/openapi-core').$OpenApiUtil.Config,
    RuntimeOptions: require('@darabonba/typescript').RuntimeOptions,
  }),
  legacy: () => ({
    Dysmsapi: require('dysmsapi-legacy'),
    Config: require('@alicloud/openapi-client').Config,
    RuntimeOptions: require('@alicloud/tea-util').RuntimeOptions,
  }),
};

await run(command => {
  // Timeouts are 30 s, not the SDKs' 10 s: on a loaded 2-core CI machine an answer can be slow, and slowness is what
  // the benchmarks measure, not these tests (VendorSdk still stops a script after 60 s).
  const { generation = 'current', signatureAlgorithm, readTimeoutMs = 30000 } = command.options;
  const load = generations[generation];
  if (!load) {
    throw new Error(`unknown generation ${generation}: current or legacy`);
  }
  const { Dysmsapi, Config, RuntimeOptions } = load();
  const Request = Dysmsapi[`${command.call}Request`];
  const method = `${command.call[0].toLowerCase()}${command.call.slice(1)}WithOptions`;
  if (!Request || typeof Dysmsapi.default.prototype[method] !== 'function') {
    throw new Error(`the ${generation} Dysmsapi SDK has no ${command.call}`);
  }
  const known = Object.keys(Request.names());
  const unknown = Object.keys(command.params).filter(name => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(`${command.call}Request has no ${unknown.join(', ')}; its fields: ${known.join(', ')}`);
  }

  const client = new Dysmsapi.default(new Config({
    accessKeyId: command.credentials.accessKeyId,
    accessKeySecret: secretOf(command, command.credentials.accessKeySecret),
    endpoint: command.endpoint,
    protocol: 'http',
    regionId: 'cn-hangzhou',
    ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
  }));
  // No retries: a test must see exactly one request per call.
  const runtime = new RuntimeOptions({ autoretry: false, maxAttempts: 1, readTimeout: readTimeoutMs, connectTimeout: readTimeoutMs });
  return async () => {
    const response = await client[method](new Request(command.params), runtime);
    return { body: response.body, statusCode: response.statusCode, headers: response.headers };
  };
});
