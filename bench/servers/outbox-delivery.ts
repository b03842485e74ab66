/**
 * Scenario F without the 110 simulator: the kit's outbox worker (connectors/kit/worker.ts) delivering
 * `bench.transfer` messages from the hotline outbox to a partner URL, each signed with the kit's
 * Standard Webhooks signing; a 2xx answer is the acknowledgement that marks the message delivered.
 *
 *   node --import tsx bench/servers/outbox-delivery.ts   (DATABASE_URL, PARTNER_URL, WEBHOOK_SECRET, CONCURRENCY)
 */
import { sign } from '../../connectors/kit/signing';
import { OutboxWorker, RetryLater } from '../../connectors/kit/worker';
import { hotlineDb } from '../../src/hotline/db';
import { systemClock } from '../../src/platform/clock';
import { openOrm } from '../../src/platform/db/orm';
import { createLogger } from '../../src/platform/logging';

const { DATABASE_URL: url, PARTNER_URL: partner, WEBHOOK_SECRET: secret } = process.env;
if (!url || !partner || !secret) {
  console.error('DATABASE_URL, PARTNER_URL and WEBHOOK_SECRET are required');
  process.exit(2);
}
const concurrency = Number(process.env.CONCURRENCY ?? 4);
const log = createLogger({ level: 'warn' });

void (async () => {
  const orm = await openOrm(hotlineDb, { url, poolMax: concurrency + 2, log });
  const worker = new OutboxWorker({
    orm,
    schema: 'hotline',
    clock: systemClock,
    log,
    concurrency,
    pollMs: 200,
    handlers: {
      'bench.transfer': async (message) => {
        const body = JSON.stringify({ type: 'transfer.created', data: message.payload });
        const response = await fetch(partner, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...sign([secret], message.id, systemClock.now(), body) },
          body,
          signal: AbortSignal.timeout(5_000),
        });
        await response.text();
        if (!response.ok) throw new RetryLater(`partner answered ${response.status}`, 200);
      },
    },
  });
  await worker.start();
  console.log('bench server ready on 0');
  const stop = () => void worker.stop().then(() => orm.close(true)).then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})();
