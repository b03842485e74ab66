import { generateSecret } from '../../../connectors/kit/signing';
import { partnerRegistry } from '../../../connectors/kit/partners';
import { startPolice110Simulator, type Police110Simulator, type SimulatorOptions } from '../../../connectors/police110/simulator';
import { startTestHub, type TestHub } from '../../support/hub';
import { subscribeSse } from '../../support/sse';

/** The hub and the simulated 110 system, wired to each other over real HTTP with one shared secret. */
export async function hubWith110(
  options: Partial<SimulatorOptions> = {},
  hubOptions: Parameters<typeof startTestHub>[0] = {},
  maxAttempts = 50,
): Promise<{ hub: TestHub; sim: Police110Simulator }> {
  const secret = generateSecret();
  let hubUrl = '';
  const sim = await startPolice110Simulator({ hubUrl: () => hubUrl, secrets: [secret], ack: 'sync', ackAfterMs: 10, ...options });
  const hub = await startTestHub({ partners: partnerRegistry({ police110: { url: sim.webhookUrl, secrets: [secret], timeoutMs: 1_000, maxAttempts } }), ...hubOptions });
  hubUrl = hub.url;
  return { hub, sim };
}

/**
 * Drives every outbox (the tests run with background jobs off) until nothing is due and the
 * simulator has nothing left to send; moves the hub's clock past retry delays as it goes.
 */
export async function settle(hub: TestHub, sim: Police110Simulator, { rounds = 200, stepMs = 10 * 60_000 } = {}): Promise<void> {
  let quiet = 0;
  for (let i = 0; i < rounds; i++) {
    const handled = await hub.drainOutboxes();
    if (handled === 0 && sim.pending() === 0) {
      if (++quiet >= 3) return;
    } else quiet = 0;
    hub.clock.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the exchange did not settle (simulator pending ${sim.pending()})`);
}

/**
 * Reads a GraphQL SSE stream (tests/support/sse.ts) into `events` in the background; `close()` ends
 * it. A stream refused before it starts (no event stream) leaves `events` empty.
 */
export function sseSubscribe(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const events: any[] = [];
  const waiters: (() => void)[] = [];
  const opened = subscribeSse(url, { query, variables }, { authorization: `Bearer ${token}`, 'x-purpose': 'TRANSFER' }).catch(() => undefined);
  const done = (async () => {
    const stream = await opened;
    try {
      for (;;) {
        events.push(await stream?.next());
        for (const wake of waiters.splice(0)) wake();
      }
    } catch {
      // ended or closed
    }
  })();
  return {
    events,
    async waitFor(predicate: (events: any[]) => boolean, ms = 10_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!predicate(events)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for events; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    async close() {
      await (await opened)?.close();
      await done;
    },
  };
}
