// Plays both ends of ALTCHA v1 with the reference library, altcha-lib, for SmsVerify's interop tests.
//   node altcha.mjs solve < challenge.json  prints {"payload": "<base64>", "verified": true | false | null}
//   node altcha.mjs create <tenantId>        prints a challenge made by altcha-lib in SmsVerify's salt format
// ALTCHA_HMAC_KEY is the server's HMAC key: with it, `solve` also asks altcha-lib's verifySolution whether our
// challenge and the solution check out, and `create` signs with it.
import { readFileSync } from 'node:fs';
import { createChallenge, solveChallenge, verifySolution } from 'altcha-lib/v1';

const [mode, tenantId] = process.argv.slice(2);
const hmacKey = process.env.ALTCHA_HMAC_KEY;

if (mode === 'solve') {
  const challenge = JSON.parse(readFileSync(0, 'utf8'));
  const { promise } = solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber);
  const solution = await promise;
  if (!solution) {
    throw new Error('no solution up to maxnumber');
  }
  // What the widget posts: altcha 3.x builds this object in createPayloadV1 (altcha 2.x the same fields, in the
  // same order) and encodes it with btoa(JSON.stringify(...)).
  const payload = btoa(JSON.stringify({
    algorithm: challenge.algorithm,
    challenge: challenge.challenge,
    number: solution.number,
    salt: challenge.salt,
    signature: challenge.signature,
    took: solution.took,
  }));
  const verified = hmacKey ? await verifySolution(payload, hmacKey) : null;
  console.log(JSON.stringify({ payload, verified }));
} else if (mode === 'create' && tenantId && hmacKey) {
  const challenge = await createChallenge({
    hmacKey,
    maxnumber: 1000,
    expires: new Date(Date.now() + 10 * 60 * 1000),
    params: { tenant: tenantId },
  });
  console.log(JSON.stringify(challenge));
} else {
  console.error('usage: node altcha.mjs solve < challenge.json | ALTCHA_HMAC_KEY=… node altcha.mjs create <tenantId>');
  process.exit(2);
}
