// Drives Tencent Cloud's official SMS 2021-01-11 SDK, unchanged, against a local server.
//   node tencent.mjs < command.json   prints one JSON line (see harness.mjs for the shared options and output)
//
// Command:
//   {
//     "endpoint": "127.0.0.1:18080",                       host:port only; its first label ("127") is the TC3 service
//     "credentials": { "secretId": "…", "secretKey": "…" },
//     "options": {
//       "signMethod": "TC3-HMAC-SHA256" | "HmacSHA256" | "HmacSHA1",   default TC3-HMAC-SHA256
//       "reqMethod": "POST" | "GET",                                      default POST
//       "region": "ap-guangzhou",
//       "clockSkewSeconds": -900, "replay": true, "wrongSecret": true
//     },
//     "call": "SendSms",                                    any method of the v20210111 client: SendSms,
//                                                           PullSmsSendStatus, PullSmsReplyStatus, AddSmsTemplate,
//                                                           DescribeSmsTemplateList, AddSmsSign, DescribeSmsSignList, …
//     "params": { "SmsSdkAppId": "1400006666", "TemplateId": "449739", "PhoneNumberSet": ["+8613800138000"] }
//   }                                                       params are the API's own PascalCase fields
//
// Output: { ok: true, body: <Response as the server sent it> } or
//         { ok: false, error: { name, code, httpCode, message, requestId, traceId } }.
import http from 'node:http';
import { createRequire } from 'node:module';
import { run, secretOf } from './harness.mjs';

const require = createRequire(import.meta.url);
const tencentcloud = require('tencentcloud-sdk-nodejs-sms');

await run(command => {
  // Timeouts are 30 s, not the SDKs' 10 s: on a loaded 2-core CI machine an answer can be slow, and slowness is what
  // the benchmarks measure, not these tests (VendorSdk still stops a script after 60 s).
  const { signMethod = 'TC3-HMAC-SHA256', reqMethod = 'POST', region = 'ap-guangzhou', reqTimeout = 30 } = command.options;
  const client = new tencentcloud.sms.v20210111.Client({
    credential: { secretId: command.credentials.secretId, secretKey: secretOf(command, command.credentials.secretKey) },
    region,
    profile: {
      signMethod,
      httpProfile: {
        endpoint: command.endpoint,
        protocol: 'http://',
        reqMethod,
        reqTimeout,
        // An explicit agent, or the SDK would route through process.env.http_proxy.
        agent: new http.Agent({ keepAlive: false }),
      },
    },
  });
  if (typeof client[command.call] !== 'function' || command.call[0] !== command.call[0].toUpperCase()) {
    throw new Error(`the Tencent SMS client has no action ${command.call}`);
  }
  return async () => ({ body: await client[command.call](command.params) });
});
