/**
 * A 110 command-centre system, simulated over real HTTP (issue 5, point 9): it receives the hub's
 * signed pushes, acknowledges (in its answer or by calling back) or rejects, gives feedback, sends
 * its own "双非" transfers, and can be told to fail — 5xx, hang, slow, duplicate, bad signature, drop
 * the connection — so the hub's reliability can be watched and tested.
 *
 *   npm run sim -- police110 [--port 4110] [--hub http://127.0.0.1:4000] [--ack sync|async|reject|none]
 *                            [--feedback-after 20000|off] [--quiet]
 *
 * Control (JSON): GET /state · POST /control {"fail": "5xx"|"hang"|"slow"|"duplicate"|"bad-signature"|"drop"|null,
 * "count": n} · POST /transfers {"title", "description", "region", …} sends a 双非 transfer to the hub.
 * Its webhook secret is the hub's development secret for police110 (DATA_DIR), or --secret whsec_….
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { defineSettings } from '../../src/platform/settings';
import { sign, verify } from '../kit/signing';

export const POLICE110_SIMULATOR_SETTINGS = defineSettings('Development: partner simulators', {
  SIMULATOR_POLICE110_PORT: { schema: z.coerce.number().int().min(0).max(65_535).default(4110), description: 'where the 110 simulator listens (beside `npm start`, and `npm run sim -- police110`)' },
});

export type FailureMode = '5xx' | 'hang' | 'slow' | 'duplicate' | 'bad-signature' | 'drop';
export const FAILURE_MODES: readonly FailureMode[] = ['5xx', 'hang', 'slow', 'duplicate', 'bad-signature', 'drop'];

export type AckStyle = 'sync' | 'async' | 'reject' | 'none';
export const ACK_STYLES: readonly AckStyle[] = ['sync', 'async', 'reject', 'none'];

export type SimulatorOptions = {
  port?: number;
  host?: string;
  /** The hub's base URL (its webhook is `<hub>/partners/police110/webhook`); a function when it is known only later. */
  hubUrl: string | (() => string);
  secrets: readonly string[];
  ack?: AckStyle;
  /** Final feedback this long after acknowledging (undefined: none). */
  feedbackAfterMs?: number;
  /** Delay of an asynchronous acknowledgement. */
  ackAfterMs?: number;
  slowMs?: number;
  log?: (line: string) => void;
  partner?: string;
};

/** What the simulated 110 system holds: one incident per transfer the hub pushed, and its own transfers. */
export type Incident = { transferId: string; caseNumber?: string; incidentNumber: string; deliveries: number; acknowledged: boolean; feedback?: string; matter?: Record<string, unknown> };
export type OwnTransfer = { key: string; incidentNumber: string; transferId?: string; caseNumber?: string; rejected?: string; feedback?: string; outcome?: string; sends: number };

export type Police110Simulator = {
  url: string;
  webhookUrl: string;
  incidents: Map<string, Incident>;
  own: Map<string, OwnTransfer>;
  /** webhook-ids received from the hub (each counted once however often it arrived) and the raw arrivals. */
  received: { unique: Set<string>; arrivals: number; badSignatures: number };
  setFailure(mode: FailureMode | null, count?: number): void;
  setAck(style: AckStyle): void;
  /** Sends a 双非 transfer to the hub's webhook (retrying until the hub answers). */
  sendTransfer(matter: Partial<Record<'title' | 'description' | 'region' | 'address' | 'callerName' | 'callerPhone' | 'categoryCode', string>>): Promise<OwnTransfer>;
  /** Pending callbacks (acks and feedback not yet accepted by the hub) — 0 when everything went through. */
  pending(): number;
  stop(): Promise<void>;
};

export async function startPolice110Simulator(options: SimulatorOptions): Promise<Police110Simulator> {
  const partner = options.partner ?? 'police110';
  const log = options.log ?? (() => undefined);
  const incidents = new Map<string, Incident>();
  const own = new Map<string, OwnTransfer>();
  const answers = new Map<string, { status: number; body: unknown }>();
  const received = { unique: new Set<string>(), arrivals: 0, badSignatures: 0 };
  let failure: { mode: FailureMode; left: number } | null = null;
  let ack: AckStyle = options.ack ?? 'sync';
  let sequence = 0;
  let pendingCallbacks = 0;
  const timers = new Set<NodeJS.Timeout>();
  const hanging = new Set<http.ServerResponse>();
  let stopped = false;

  const incidentNumber = () => `JJ${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${String(++sequence).padStart(5, '0')}`;
  const failing = (): FailureMode | null => {
    if (!failure || failure.left <= 0) return null;
    failure.left--;
    return failure.mode;
  };
  const later = (ms: number, work: () => Promise<void>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void work();
    }, ms);
    timers.add(timer);
  };

  /** A signed POST to the hub, retried until the hub answers 2xx (or a 4xx that retrying cannot fix). */
  async function toHub(type: string, data: Record<string, unknown>, id = `${partner}-${randomUUID()}`): Promise<{ status: number; body: any }> {
    const body = JSON.stringify({ type, occurredAt: new Date().toISOString(), data });
    pendingCallbacks++;
    try {
      for (let attempt = 1; !stopped; attempt++) {
        const mode = failing();
        const secrets = mode === 'bad-signature' ? [`whsec_${Buffer.alloc(32, 9).toString('base64')}`] : options.secrets;
        const send = () =>
          fetch(`${typeof options.hubUrl === 'function' ? options.hubUrl() : options.hubUrl}/partners/${partner}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(secrets, id, new Date(), body) }, body, signal: AbortSignal.timeout(10_000) });
        try {
          const responses = mode === 'duplicate' ? await Promise.all([send(), send()]) : [await send()];
          const response = responses[0]!;
          const answer = { status: response.status, body: await response.json().catch(() => undefined) };
          for (const extra of responses.slice(1)) await extra.text();
          log(`→ hub ${type} ${id}: ${answer.status}${mode ? ` (${mode})` : ''}`);
          if (answer.status < 300 || (answer.status >= 400 && answer.status < 500 && answer.status !== 401 && answer.status !== 429)) return answer;
        } catch (error) {
          log(`→ hub ${type} ${id}: ${(error as Error).message}`);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** attempt)));
      }
      return { status: 0, body: undefined };
    } finally {
      pendingCallbacks--;
    }
  }

  async function handle(type: string, data: Record<string, any>): Promise<{ status: number; body: unknown }> {
    if (type === 'transfer.created') {
      let incident = incidents.get(data.transferId);
      if (!incident) {
        incident = { transferId: data.transferId, caseNumber: data.caseNumber, incidentNumber: incidentNumber(), deliveries: 0, acknowledged: false, matter: data.matter };
        incidents.set(data.transferId, incident);
        const current = ack;
        if (current === 'async' || current === 'reject') {
          later(options.ackAfterMs ?? 50, async () => {
            const accepted = current === 'async';
            await toHub('transfer.acknowledged', { transferId: incident!.transferId, accepted, incidentNumber: accepted ? incident!.incidentNumber : undefined, reason: accepted ? undefined : '经三方通话核实，非警务类事项，由首接平台办理' }, `ack-${incident!.transferId}`);
            incident!.acknowledged = accepted;
          });
        }
        if (current === 'sync') incident.acknowledged = true;
        if ((current === 'sync' || current === 'async') && options.feedbackAfterMs !== undefined) {
          later(options.feedbackAfterMs, async () => {
            incident!.feedback = '民警已到场处置，警情已办结。';
            await toHub('transfer.feedback', { transferId: incident!.transferId, feedback: incident!.feedback, final: true }, `feedback-${incident!.transferId}`);
          });
        }
      }
      incident.deliveries++;
      return ack === 'sync' ? { status: 200, body: { accepted: true, incidentNumber: incident.incidentNumber } } : { status: 202, body: { received: true } };
    }
    if (type === 'transfer.acknowledged') {
      const mine = [...own.values()].find((o) => o.transferId === data.transferId || o.incidentNumber === data.externalRef);
      if (mine && data.accepted === false) mine.rejected = data.reason;
      else if (mine) mine.caseNumber = data.caseNumber;
      return { status: 200, body: { ok: true } };
    }
    if (type === 'transfer.feedback') {
      const mine = [...own.values()].find((o) => o.transferId === data.transferId || o.incidentNumber === data.externalRef);
      if (mine) Object.assign(mine, { feedback: data.feedback, outcome: data.outcome });
      return { status: 200, body: { ok: true } };
    }
    return { status: 400, body: { error: `unknown type ${type}` } };
  }

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      void (async () => {
        const path = (req.url ?? '/').split('?')[0];
        const reply = (status: number, payload: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
        if (req.method === 'GET' && path === '/state') {
          return reply(200, { incidents: [...incidents.values()], own: [...own.values()], received: { unique: received.unique.size, arrivals: received.arrivals, badSignatures: received.badSignatures }, failure, ack });
        }
        if (req.method === 'POST' && path === '/control') {
          const control = JSON.parse(body || '{}') as { fail?: FailureMode | null; count?: number; ack?: AckStyle };
          if (control.fail !== undefined) failure = control.fail ? { mode: control.fail, left: control.count ?? Number.MAX_SAFE_INTEGER } : null;
          if (control.ack) ack = control.ack;
          return reply(200, { failure, ack });
        }
        if (req.method === 'POST' && path === '/transfers') return reply(200, await simulator.sendTransfer(JSON.parse(body || '{}')));
        if (req.method !== 'POST' || path !== '/webhook') return reply(404, { error: 'not found' });
        received.arrivals++;
        const verdict = verify(options.secrets, req.headers as Record<string, string>, body, new Date());
        if (!verdict.ok) {
          received.badSignatures++;
          return reply(401, { error: verdict.reason });
        }
        const mode = failing();
        if (mode === '5xx') return reply(503, { error: 'simulated outage' });
        if (mode === 'hang') return void hanging.add(res);
        if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 1_500));
        // The same webhook-id is the same message: answered as the first time, processed once.
        let answer = answers.get(verdict.id);
        if (!answer) {
          const envelope = JSON.parse(body) as { type: string; data: Record<string, unknown> };
          answer = await handle(envelope.type, envelope.data);
          if (answer.status < 300) {
            answers.set(verdict.id, answer);
            received.unique.add(verdict.id);
          }
        }
        log(`← hub ${verdict.id}: ${answer.status}${mode ? ` (${mode})` : ''}`);
        // Dropped after processing: the hub sees a network error and must send again (deduplicated here).
        if (mode === 'drop') return void req.socket.destroy();
        reply(answer.status, answer.body);
      })().catch((error) => {
        log(`simulator error: ${(error as Error).message}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    // A busy port is said plainly (the caller decides whether to go on without the simulator).
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`the 110 simulator's port ${options.port} is already in use on ${options.host ?? '127.0.0.1'} (another hub or simulator? choose another with --port or SIMULATOR_POLICE110_PORT)`) : error),
    );
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;

  const simulator: Police110Simulator = {
    url,
    webhookUrl: `${url}/webhook`,
    incidents,
    own,
    received,
    setFailure: (mode, count) => void (failure = mode ? { mode, left: count ?? Number.MAX_SAFE_INTEGER } : null),
    setAck: (style) => void (ack = style),
    async sendTransfer(matter) {
      const mine: OwnTransfer = { key: `110-${randomUUID()}`, incidentNumber: incidentNumber(), sends: 0 };
      own.set(mine.key, mine);
      const answer = await toHub(
        'transfer.created',
        {
          externalRef: mine.incidentNumber,
          region: matter.region ?? '141102',
          title: matter.title ?? '噪音扰民求助（非警务）',
          description: matter.description ?? '群众报警称小区施工夜间噪音扰民，经研判属非警务类求助，转12345办理。',
          address: matter.address ?? '吕梁市离石区滨河街道龙凤南路18号',
          callerName: matter.callerName,
          callerPhone: matter.callerPhone,
          categoryCode: matter.categoryCode ?? '0104',
          occurredAt: new Date().toISOString(),
        },
        mine.key,
      );
      mine.sends++;
      mine.transferId = answer.body?.result?.transferId;
      return mine;
    },
    pending: () => pendingCallbacks + timers.size,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return simulator;
}

/**
 * `npm run sim -- police110 [--port 4110] [--hub URL] [--ack …] [--secret whsec_…] [--fail mode] [--feedback-after ms|off] [--quiet]`
 *
 * `--feedback-after off` sends no final feedback (a load run measures delivery and acknowledgement
 * only, without feedback calls overlapping it); `--quiet` logs no line per message (at hundreds of
 * messages a second the log would cost more than the answers).
 */
export async function runSimulatorCli(argv: readonly string[], secretFor: (partner: string) => string, defaultPort = 4110): Promise<Police110Simulator> {
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const partner = 'police110';
  const ack = flag('ack') ?? 'async';
  if (!ACK_STYLES.includes(ack as AckStyle)) throw new Error(`--ack: must be one of ${ACK_STYLES.join(', ')} (got ${ack})`);
  const feedback = flag('feedback-after') ?? '20000';
  const feedbackAfterMs = feedback === 'off' ? undefined : Number(feedback);
  if (feedbackAfterMs !== undefined && !(Number.isInteger(feedbackAfterMs) && feedbackAfterMs >= 0)) {
    throw new Error(`--feedback-after: must be a number of milliseconds ≥ 0 or "off" (got ${feedback})`);
  }
  const port = Number(flag('port') ?? defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: must be a port number from 0 to 65535 (got ${flag('port')})`);
  const simulator = await startPolice110Simulator({
    port,
    hubUrl: flag('hub') ?? 'http://127.0.0.1:4000',
    secrets: [flag('secret') ?? secretFor(partner)],
    ack: ack as AckStyle,
    ackAfterMs: 3_000,
    feedbackAfterMs,
    log: argv.includes('--quiet') ? undefined : (line) => process.stdout.write(`[110 simulator] ${line}\n`),
  });
  const fail = flag('fail') as FailureMode | undefined;
  if (fail) simulator.setFailure(fail);
  process.stdout.write(`[110 simulator] listening on ${simulator.webhookUrl}; hub ${flag('hub') ?? 'http://127.0.0.1:4000'}\n`);
  return simulator;
}
