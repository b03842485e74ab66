import { randomUUID } from 'node:crypto';
import { sign } from './signing';
import { GiveUp, RetryLater } from './worker';

/**
 * STOPGAP until the exchange kit's partner client lands (issue 5): one signed JSON POST to a
 * partner with a timeout. 5xx, 429 (honouring Retry-After), timeouts and refused connections are
 * retryable (PartnerUnavailable: the worker's backoff; RetryLater when the partner names a delay);
 * other 4xx are final (GiveUp). No circuit breaker here.
 */
export class PartnerUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PartnerUnavailable';
  }
}

export type PartnerEndpoint = { name: string; url: string; secrets: readonly string[]; timeoutMs: number };

export async function callPartner<T>(endpoint: PartnerEndpoint, path: string, payload: unknown, options: { id?: string; now: Date }): Promise<T> {
  const body = JSON.stringify(payload);
  const headers = sign(endpoint.secrets, options.id ?? `msg_${randomUUID()}`, options.now, body);
  let response: Response;
  try {
    response = await fetch(`${endpoint.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${endpoint.timeoutMs} ms` : 'connection failed';
    throw new PartnerUnavailable(`${endpoint.name}: ${reason}`);
  }
  const text = await response.text();
  if (response.ok) return (text ? JSON.parse(text) : {}) as T;
  if (response.status === 429 || response.status === 408 || response.status >= 500) {
    const retryAfter = Number(response.headers.get('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter > 0) throw new RetryLater(`${endpoint.name}: answered ${response.status}`, retryAfter * 1000);
    throw new PartnerUnavailable(`${endpoint.name}: answered ${response.status}`);
  }
  throw new GiveUp(`${endpoint.name}: refused with ${response.status}`);
}
