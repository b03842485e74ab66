import { generateKeyPair, type CryptoKey } from 'jose';
import { createTokenVerifier, IdentityError, issueToken } from '../../src/platform/identity/tokens';
import type { Principal } from '../../src/platform/identity/principal';

/**
 * The gateway keeps tokens it verified a moment ago (issue 7). What it keeps must never outlive
 * what the token itself allows: expiry is judged on every request, on the hub's clock.
 */
describe('token verifier', () => {
  const handler: Principal = { sub: 'hd-1', role: 'HANDLER', unit: '0da5d095-46d4-5920-b929-8bb097055239', region: '140100' };
  const operator: Principal = { sub: 'op-1', role: 'OPERATOR', region: '140100' };
  let keys: { privateKey: CryptoKey; publicKey: CryptoKey };
  beforeAll(async () => {
    keys = (await generateKeyPair('ES256')) as typeof keys;
  });
  const issue = (p: Principal, now: Date, ttlSeconds = 600) => issueToken(p, { privateKey: keys.privateKey, kid: 'k', issuer: 'iss', audience: 'aud', ttlSeconds, now });

  it('answers each token with its own principal, also when asked again', async () => {
    const clock = { at: new Date('2026-11-29T08:00:00Z') };
    const verify = createTokenVerifier({ issuer: 'iss', audience: 'aud', key: { publicKey: keys.publicKey }, now: () => clock.at });
    const a = await issue(handler, clock.at);
    const b = await issue(operator, clock.at);
    for (let i = 0; i < 3; i++) {
      expect((await verify(a)).sub).toBe('hd-1');
      expect((await verify(b)).sub).toBe('op-1');
    }
  });

  it('refuses a token that expired after it was first accepted', async () => {
    const clock = { at: new Date('2026-11-29T08:00:00Z') };
    const verify = createTokenVerifier({ issuer: 'iss', audience: 'aud', key: { publicKey: keys.publicKey }, now: () => clock.at });
    const token = await issue(handler, clock.at, 60);
    expect((await verify(token)).role).toBe('HANDLER');
    clock.at = new Date(clock.at.getTime() + 45_000);
    expect((await verify(token)).role).toBe('HANDLER'); // within its lifetime
    clock.at = new Date(clock.at.getTime() + 60_000); // past expiry and the 30 s tolerance
    await expect(verify(token)).rejects.toEqual(new IdentityError('the token has expired'));
  });

  it('never accepts a token with another signature, even one differing from an accepted token by a byte', async () => {
    const clock = { at: new Date('2026-11-29T08:00:00Z') };
    const verify = createTokenVerifier({ issuer: 'iss', audience: 'aud', key: { publicKey: keys.publicKey }, now: () => clock.at });
    const token = await issue(handler, clock.at);
    await verify(token);
    const [h, p, s] = token.split('.');
    const flipped = `${h}.${p}.${s!.slice(0, -2)}${s!.endsWith('AA') ? 'AB' : 'AA'}`;
    await expect(verify(flipped)).rejects.toBeInstanceOf(IdentityError);
  });
});
