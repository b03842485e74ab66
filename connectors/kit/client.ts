import { randomUUID } from 'node:crypto';
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import type { PartnerConfig } from './partners';
import { sign } from './signing';
import { Defer, GiveUp, RetryLater } from './worker';

/** The JSON body of every message between the hub and a partner, both ways. */
export type PartnerEnvelope = {
  /** What happened: `transfer.created`, `transfer.acknowledged`, `transfer.feedback` … */
  type: string;
  /** When it happened (ISO 8601). */
  occurredAt: string;
  data: Record<string, unknown>;
};

export type PartnerResponse = { status: number; body: unknown; signature: string; ms: number };

/** A failure worth retrying (5xx, timeout, refused or dropped connection): it counts for the breaker. */
export class TransientDeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TransientDeliveryError';
  }
}

/** The partner answered 410 Gone: its endpoint is retired; nothing is sent until it is enabled again. */
export class EndpointGone extends GiveUp {
  constructor(readonly partner: string) {
    super(`${partner} answered 410 Gone: its endpoint is disabled until re-enabled`);
    this.name = 'EndpointGone';
  }
}

export type PartnerClientOptions = {
  /** Consecutive transient failures that open a partner's circuit (default 5). */
  breakAfter?: number;
  /** How long an open circuit waits before letting one trial request through (default 30 s). */
  halfOpenAfterMs?: number;
  /** Wall-clock time for signatures (the wire is real time even when tests move the domain clock). */
  now?: () => Date;
  /** Called when a circuit opens or closes. */
  onCircuit?: (partner: string, open: boolean) => void;
  /** The HTTP function (tests may wrap it). */
  fetch?: typeof fetch;
};

const RETRYABLE_4XX = new Set([401, 403, 404, 408, 409, 423, 425, 429]);

/**
 * POSTs signed messages to partners: one request per call, with the partner's timeout; a circuit
 * breaker per partner so a partner that is down is not hammered (and the outbox worker backs off
 * until the circuit half-opens); `Retry-After` on 429/503 becomes the next attempt's delay; 410
 * disables the endpoint. Retries themselves belong to the outbox worker, which persists them.
 */
export class PartnerClient {
  private readonly breakers = new Map<string, { policy: CircuitBreakerPolicy; openedAt?: number }>();
  private readonly halfOpenAfterMs: number;

  constructor(private readonly options: PartnerClientOptions = {}) {
    this.halfOpenAfterMs = options.halfOpenAfterMs ?? 30_000;
  }

  /** Partners whose circuit is open now (the readiness signal). */
  openCircuits(): string[] {
    return [...this.breakers.entries()].filter(([, b]) => b.policy.state === CircuitState.Open).map(([name]) => name);
  }

  private breaker(partner: string) {
    let entry = this.breakers.get(partner);
    if (!entry) {
      const policy = circuitBreaker(
        handleWhen((error) => error instanceof TransientDeliveryError),
        { halfOpenAfter: this.halfOpenAfterMs, breaker: new ConsecutiveBreaker(this.options.breakAfter ?? 5) },
      );
      const created: { policy: CircuitBreakerPolicy; openedAt?: number } = { policy };
      policy.onBreak(() => {
        created.openedAt = Date.now();
        this.options.onCircuit?.(partner, true);
      });
      policy.onReset(() => {
        created.openedAt = undefined;
        this.options.onCircuit?.(partner, false);
      });
      this.breakers.set(partner, created);
      entry = created;
    }
    return entry;
  }

  /**
   * Sends `envelope` as message `messageId` (the webhook-id: the same on every retry, so the partner
   * drops duplicates). Resolves with a 2xx answer; throws RetryLater (circuit open, Retry-After),
   * EndpointGone (410), GiveUp (a 4xx that retrying cannot fix) or TransientDeliveryError.
   */
  async post(partner: PartnerConfig, messageId: string, envelope: PartnerEnvelope): Promise<PartnerResponse> {
    if (!partner.url) throw new GiveUp(`${partner.name} has no endpoint URL (PARTNER_*_URL)`);
    const url = partner.url;
    const body = JSON.stringify(envelope);
    const headers = sign(partner.secrets, messageId, this.options.now?.() ?? new Date(), body);
    const breaker = this.breaker(partner.name);
    const doFetch = this.options.fetch ?? fetch;
    const started = Date.now();
    try {
      return await breaker.policy.execute(async () => {
        let response: Response;
        try {
          response = await doFetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'user-agent': 'hotline-hub', 'x-request-id': randomUUID(), ...headers },
            body,
            signal: AbortSignal.timeout(partner.timeoutMs),
          });
        } catch (error) {
          const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${partner.timeoutMs} ms` : `connection failed (${describe(error)})`;
          throw new TransientDeliveryError(reason);
        }
        const text = await response.text().catch(() => '');
        if (response.ok) return { status: response.status, body: parseJson(text), signature: headers['webhook-signature'], ms: Date.now() - started };
        if (response.status === 410) throw new EndpointGone(partner.name);
        const retryAfter = retryAfterMs(response.headers.get('retry-after'), this.options.now?.() ?? new Date());
        if ((response.status === 429 || response.status === 503) && retryAfter !== undefined) {
          throw new RetryLater(`${partner.name} answered ${response.status}; Retry-After ${Math.ceil(retryAfter / 1000)} s`, retryAfter);
        }
        if (response.status >= 500) throw new TransientDeliveryError(`${partner.name} answered ${response.status}`, response.status);
        if (RETRYABLE_4XX.has(response.status)) throw new RetryLater(`${partner.name} answered ${response.status}: ${text.slice(0, 200)}`, 0);
        throw new GiveUp(`${partner.name} refused the message with ${response.status}: ${text.slice(0, 200)}`);
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        const openedAt = this.breakers.get(partner.name)?.openedAt ?? Date.now();
        throw new Defer(`${partner.name}'s circuit is open (too many failures in a row)`, Math.max(1_000, openedAt + this.halfOpenAfterMs - Date.now()));
      }
      // A RetryLater of 0 ms is "the worker's usual backoff": leave the choice to it.
      if (error instanceof RetryLater && error.afterMs === 0) throw new TransientDeliveryError(error.message);
      throw error;
    }
  }
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; capped at one hour. */
export function retryAfterMs(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now.getTime();
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(3_600_000, Math.max(0, ms));
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 500);
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
