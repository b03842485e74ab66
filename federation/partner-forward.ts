import http from 'node:http';
import type { Logger } from '../src/platform/logging';

export type PartnerForwardOptions = {
  /** Where partner routes are served: the exchange process (its SUBGRAPH_URLS entry; its origin is used). */
  target: string;
  /** How long the exchange may take to answer one partner message. */
  timeoutMs: number;
  log: Logger;
};

/** The paths a partner system calls: its webhook and the partners' readiness. */
export function isPartnerPath(pathname: string): boolean {
  return pathname.startsWith('/partners/') || pathname === '/readyz/partners';
}

/**
 * The gateway as the one front door for partners (issue 16): in the scaled-out layout the
 * processes that verify and store partner messages are the exchange's, and a partner should not
 * have to know that. The gateway relays `POST /partners/<partner>/webhook` (and `GET
 * /readyz/partners`) to the exchange byte for byte — the Standard Webhooks signature covers the
 * raw body, so nothing may be re-encoded — and relays the answer the same way.
 *
 * It adds nothing a partner could forge its way around: the exchange verifies every signature
 * itself, exactly as when the partner calls it directly. When the exchange cannot be reached the
 * partner is answered 503 with `Retry-After` (send again with the same webhook-id), never 404.
 */
export function forwardPartnerRoutes(options: PartnerForwardOptions): http.RequestListener {
  const origin = new URL(options.target);
  return (req, res) => {
    const headers = { ...req.headers, host: origin.host, 'x-forwarded-host': req.headers.host ?? '' };
    delete headers.connection;
    const upstream = http.request(
      { protocol: origin.protocol, hostname: origin.hostname, port: origin.port, method: req.method, path: req.url, headers, timeout: options.timeoutMs },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    const unavailable = (reason: string) => {
      options.log.warn({ path: (req.url ?? '').split('?')[0], reason }, 'partner route: the exchange did not answer');
      if (res.headersSent) return void res.destroy();
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' });
      res.end(JSON.stringify({ error: 'UPSTREAM_UNAVAILABLE', message: 'the hub could not process the message now; send it again with the same webhook-id' }));
    };
    upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
    upstream.on('error', (error) => unavailable(error.message === 'timeout' ? 'timeout' : 'unreachable'));
    req.pipe(upstream);
  };
}
