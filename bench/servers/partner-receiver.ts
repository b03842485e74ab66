/**
 * Scenario F without the 110 simulator: a minimal partner endpoint that verifies each delivery's
 * Standard Webhooks signature with the kit (connectors/kit/signing.ts), refuses bad or replayed ones,
 * and acknowledges the rest (200 with the message id). GET /stats reports what it saw.
 *
 *   node --import tsx bench/servers/partner-receiver.ts   (WEBHOOK_SECRET, PORT)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../../connectors/kit/signing';

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error('WEBHOOK_SECRET is required');
  process.exit(2);
}
const seen = new Set<string>();
const stats = { acknowledged: 0, refused: 0, duplicates: 0 };

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const result = verify([secret], req.headers as Record<string, string>, body, new Date());
    if (!result.ok) {
      stats.refused++;
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: result.reason }));
      return;
    }
    // At least once on the wire: a redelivery is acknowledged again, and counted.
    if (seen.has(result.id)) stats.duplicates++;
    else seen.add(result.id);
    stats.acknowledged++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ acknowledged: result.id }));
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`bench server ready on ${(server.address() as AddressInfo).port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
