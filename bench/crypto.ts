/**
 * `npx tsx bench/crypto.ts [--ms 500]` — µs per operation of the crypto profiles, one process, no
 * database: field encryption and decryption of a phone number (envelope formatted and parsed, keys
 * already unwrapped as the keyring caches them), a blind index (normalise + HMAC), a signature and its
 * verification over a 300-byte identity assertion. Both profiles, same inputs. Numbers vary with the
 * machine's load: compare the two profiles within one run.
 */
import { randomBytes } from 'node:crypto';
import { openText, prepareDataKey, seal } from '../src/platform/crypto/cipher';
import { hmac } from '../src/platform/crypto/hash';
import { normalisePhone } from '../src/platform/crypto/normalise';
import { algorithmsOf, CRYPTO_PROFILES, hashOfMac } from '../src/platform/crypto/profile';
import { generateSigningKey, signDetached, verifyDetached } from '../src/platform/crypto/signature';

const budgetMs = Number(process.argv[process.argv.indexOf('--ms') + 1]) || 500;

function measure(run: () => unknown): number {
  for (let i = 0; i < 50; i++) run(); // warm-up
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(budgetMs) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 20; i++) run();
    n += 20;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / 1_000 / n;
}

const phone = '+86 139-1234-5678';
const assertion = JSON.stringify({ sub: 'user-0001', role: 'DISPATCHER', unit: 'U-3301', region: '330100', purpose: 'HANDLING', rid: randomBytes(16).toString('hex'), exp: 1_800_000_000, body: randomBytes(32).toString('base64url') }).padEnd(300, ' ');
const rows: Record<string, Record<string, string>> = {};
for (const profile of CRYPTO_PROFILES) {
  const algs = algorithmsOf(profile);
  const key = prepareDataKey(algs.cipher, 'bench-key-00001', randomBytes(32));
  const value = seal(key, Buffer.from('13912345678'), 'hotline.case.caller_phone');
  const indexKey = randomBytes(32);
  const { signing, verifying } = generateSigningKey(algs.signature, 'bench');
  const signature = signDetached(signing, assertion);
  const results = {
    encrypt: measure(() => seal(key, Buffer.from('13912345678'), 'hotline.case.caller_phone')),
    decrypt: measure(() => openText(key, value, 'hotline.case.caller_phone')),
    'blind index': measure(() => hmac(hashOfMac(algs.mac), indexKey, normalisePhone(phone))),
    sign: measure(() => signDetached(signing, assertion)),
    verify: measure(() => verifyDetached(signature, assertion, () => verifying)),
  };
  rows[`${profile} (${algs.cipher}, ${algs.mac}, ${algs.signature})`] = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.toFixed(1)]));
}
const ops = Object.keys(Object.values(rows)[0]!);
console.log(`µs per operation (node ${process.version}, ${budgetMs} ms per cell)\n`);
console.log(`| profile | ${ops.join(' | ')} |`);
console.log(`|---|${ops.map(() => '---:').join('|')}|`);
for (const [profile, r] of Object.entries(rows)) console.log(`| ${profile} | ${ops.map((o) => r[o]).join(' | ')} |`);
