import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign, verify } from './signing';

/**
 * The HTTP face of a partner simulator: a real server on loopback that speaks the partner's wire
 * protocol (routes added by each connector's simulator.ts), checks the hub's Standard Webhooks
 * signature on everything it receives, records what it received (tests assert on the exact bytes
 * a partner saw), and fails on command — an HTTP status (5xx, 429 with Retry-After), a slow answer,
 * or no answer at all — either from code (`fail`) or over HTTP (`POST /_sim/faults`).
 */
export type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'hang' };

export type Received = { method: string; path: string; headers: Record<string, string>; body: string; json: unknown; signatureOk: boolean };

export type SimRequest = { path: string; params: string[]; json: Record<string, unknown>; headers: Record<string, string> };
export type SimResponse = { status: number; body?: unknown };
type Route = { method: string; pattern: RegExp; handler: (request: SimRequest) => SimResponse | Promise<SimResponse> };

export type SimulatorOptions = {
  name: string;
  /** Secrets the hub signs with (current first; the next one too while rotating). */
  secrets: readonly string[];
  now?: () => Date;
};

export class SimulatorServer {
  readonly received: Received[] = [];
  private readonly routes: Route[] = [];
  private readonly messageHandlers = new Map<string, (data: Record<string, unknown>, request: SimRequest) => SimResponse | Promise<SimResponse>>();
  private readonly faults: Fault[] = [];
  private readonly hanging = new Set<http.ServerResponse>();
  private server: http.Server | undefined;
  url = '';

  constructor(private readonly options: SimulatorOptions) {}

  route(method: string, pattern: RegExp, handler: Route['handler']): this {
    this.routes.push({ method, pattern, handler });
    return this;
  }

  /** Answers the hub's messages of one envelope `type` ({type, occurredAt, data}, POSTed to the partner's URL). */
  onMessage(type: string, handler: (data: Record<string, unknown>, request: SimRequest) => SimResponse | Promise<SimResponse>): this {
    this.messageHandlers.set(type, handler);
    return this;
  }

  /** The envelopes of `type` received, in order. */
  messages(type: string): (Received & { data: Record<string, unknown> })[] {
    return this.received
      .filter((r) => (r.json as { type?: string } | undefined)?.type === type)
      .map((r) => ({ ...r, data: ((r.json as { data?: Record<string, unknown> }).data ?? {}) }));
  }

  /** The next `times` requests meet `fault` (in order, after any already queued). */
  fail(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  /** Drops queued faults and answers every request left hanging (with 503). */
  heal(): void {
    this.faults.length = 0;
    for (const res of this.hanging) if (!res.headersSent) res.writeHead(503).end();
    this.hanging.clear();
  }

  /** Requests received on `path` (regex), with their JSON bodies. */
  receivedOn(path: RegExp): Received[] {
    return this.received.filter((r) => path.test(r.path));
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.heal();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0]!;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
    const json = parseJson(body);
    if (path === '/_sim/faults' && req.method === 'POST') {
      // Control channel (npm start, manual trials): {"kind":"status","status":503,"times":3} or {"heal":true}.
      const control = (json ?? {}) as Fault & { times?: number; heal?: boolean };
      if (control.heal) this.heal();
      else this.fail(control, control.times ?? 1);
      return void send(res, 200, { queued: this.faults.length });
    }
    if (path === '/_sim/received' && req.method === 'GET') return void send(res, 200, this.received.map(({ method, path: p, json: j }) => ({ method, path: p, body: j })));
    const signatureOk = verify(this.options.secrets, headers, body, (this.options.now ?? (() => new Date()))()).ok;
    this.received.push({ method: req.method ?? 'GET', path, headers, body, json, signatureOk });
    const fault = this.faults.shift();
    if (fault?.kind === 'hang') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (fault?.kind === 'status') {
      return void send(res, fault.status, { error: `${this.options.name} simulator: injected ${fault.status}` }, fault.retryAfterSeconds ? { 'retry-after': String(fault.retryAfterSeconds) } : {});
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (!signatureOk) return void send(res, 401, { error: 'bad or missing webhook signature' });
    const envelope = (json ?? {}) as { type?: string; data?: Record<string, unknown> };
    const onMessage = req.method === 'POST' && envelope.type ? this.messageHandlers.get(envelope.type) : undefined;
    if (onMessage) {
      try {
        const out = await onMessage(envelope.data ?? {}, { path, params: [], json: (json ?? {}) as Record<string, unknown>, headers });
        return void send(res, out.status, out.body ?? {});
      } catch (error) {
        return void send(res, 500, { error: (error as Error).message });
      }
    }
    for (const route of this.routes) {
      const match = route.method === req.method ? route.pattern.exec(path) : null;
      if (!match) continue;
      try {
        const out = await route.handler({ path, params: match.slice(1), json: (json ?? {}) as Record<string, unknown>, headers });
        return void send(res, out.status, out.body ?? {});
      } catch (error) {
        return void send(res, 500, { error: (error as Error).message });
      }
    }
    send(res, 404, { error: `${this.options.name} simulator: no route ${req.method} ${path}` });
  }
}

/**
 * Sends a signed message to the hub as the partner would (`POST /partners/<partner>/webhook`, body
 * `{type, occurredAt, data}`). `id` is the idempotency key (`webhook-id`): sending the same id twice
 * is how a test duplicates. Signed with the wall clock, as the hub verifies.
 */
export async function postSigned(url: string, secrets: readonly string[], type: string, data: unknown, options: { id?: string; at?: Date } = {}): Promise<{ status: number; body: unknown }> {
  const at = options.at ?? new Date();
  const body = JSON.stringify({ type, occurredAt: at.toISOString(), data });
  const headers = sign(secrets, options.id ?? `msg_${randomUUID()}`, at, body);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, body: parseJson(text) ?? text };
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
