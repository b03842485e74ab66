import { OutboxWorker } from '../../connectors/kit/worker';
import { enqueue } from '../../connectors/kit/outbox';
import { HotlineOutboxEntity } from '../../src/hotline/entities';
import { forkEm } from '../../src/platform/db/orm';
import { createLogger } from '../../src/platform/logging';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * The outbox worker hands the messages of a claimed batch to their handler several at a time
 * (issue 7) — one message per key in a batch, so messages of one key still arrive in the order
 * they were written, each exactly once.
 */
describe('outbox worker, several deliveries at once', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.stop());

  it('delivers in parallel across keys and in order within a key', async () => {
    const topic = `test.order.${Date.now()}`;
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5'];
    const em = forkEm(hub.orms.hotline);
    for (let n = 0; n < 4; n++) enqueue(em, HotlineOutboxEntity, new Date(), keys.map((key) => ({ topic, key, payload: { key, n } })));
    await em.flush();

    const seen = new Map<string, number[]>();
    let inFlight = 0;
    let mostAtOnce = 0;
    const worker = new OutboxWorker({
      orm: hub.orms.hotline,
      schema: 'hotline',
      clock: { now: () => new Date() },
      log: createLogger({ level: 'silent' }),
      parallel: 8,
      handlers: {
        async [topic](message) {
          inFlight += 1;
          mostAtOnce = Math.max(mostAtOnce, inFlight);
          // Later messages finish first within a batch: order must come from the claim, not from timing.
          await new Promise((resolve) => setTimeout(resolve, 30 - 5 * Number(message.payload.n)));
          const { key, n } = message.payload as { key: string; n: number };
          seen.set(key, [...(seen.get(key) ?? []), n]);
          inFlight -= 1;
        },
      },
    });

    expect(await worker.drain()).toBe(20);
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(keys.map((k) => [k, [0, 1, 2, 3]])));
    expect(mostAtOnce).toBe(keys.length);
  });
});
