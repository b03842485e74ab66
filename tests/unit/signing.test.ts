import { generateSecret, sign, verify } from '../../connectors/kit/signing';

describe('Standard Webhooks signatures', () => {
  const at = new Date(1614265330 * 1000);
  const body = '{"test": 2432232314}';

  it('matches the published Standard Webhooks example', () => {
    const headers = sign(['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], 'msg_p5jXN8AQM9LWM0D4loKWxJek', at, body);
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('accepts either secret during a rotation, and refuses tampering, strangers and stale timestamps', () => {
    const [oldSecret, newSecret, stranger] = [generateSecret(), generateSecret(), generateSecret()];
    const both = sign([newSecret, oldSecret], 'm1', at, body);
    expect(verify([oldSecret], both, body, at)).toMatchObject({ ok: true, id: 'm1' });
    expect(verify([newSecret], both, body, at)).toMatchObject({ ok: true });
    expect(verify([stranger], both, body, at)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verify([oldSecret], both, body.replace('2432', '2433'), at)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verify([oldSecret], { ...both, 'webhook-id': 'm2' }, body, at)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    const sixMinutesLater = new Date(at.getTime() + 6 * 60_000);
    expect(verify([oldSecret], both, body, sixMinutesLater)).toEqual({ ok: false, reason: 'STALE_TIMESTAMP' });
    expect(verify([oldSecret], { ...both, 'webhook-timestamp': '1e9' }, body, at)).toEqual({ ok: false, reason: 'BAD_TIMESTAMP' });
    expect(verify([oldSecret], { 'webhook-id': 'm1' }, body, at)).toEqual({ ok: false, reason: 'MISSING_HEADERS' });
  });
});
