import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Recorded = { path: string; headers: http.IncomingHttpHeaders; body: string; status: number; answer: string };

/**
 * A pass-through HTTP proxy that keeps every request body and answer — to check what really
 * crossed the wire between the hub and a partner simulator, byte for byte.
 */
export async function startRecordingProxy(target: () => string): Promise<{ url: string; recorded: Recorded[]; stop(): Promise<void> }> {
  const recorded: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const to = new URL(req.url ?? '/', target());
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
      fetch(to, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body })
        .then(async (answer) => {
          const text = await answer.text();
          recorded.push({ path: to.pathname, headers: req.headers, body, status: answer.status, answer: text });
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(text);
        })
        .catch(() => {
          res.writeHead(502).end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    recorded,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
