import type { PartnerEnvelope } from './client';
import { payloadHash } from './exchange-log';
import type { ExchangeKit } from './kit';

/**
 * One signed request to a partner whose answer the caller needs now — a query (the petition channel
 * check) or a delivery from a connector's own outbox (a utility's order number). Goes through the
 * kit's client (timeout, circuit per partner, Retry-After, 410) and into the kit's exchange log,
 * like every message the kit sends; retries belong to the caller's outbox worker (its errors are
 * the kit's RetryLater / GiveUp / transient errors, which the worker understands).
 */
export async function callPartner(
  kit: ExchangeKit,
  partnerName: string,
  messageId: string,
  message: { type: string; data: Record<string, unknown>; caseNumber?: string; principalId?: string },
  now: Date,
): Promise<unknown> {
  const partner = kit.partners.require(partnerName);
  const envelope: PartnerEnvelope = { type: message.type, occurredAt: now.toISOString(), data: message.data };
  const entry = {
    at: now,
    partner: partner.name,
    direction: 'OUT' as const,
    messageId,
    type: message.type,
    caseNumber: message.caseNumber,
    principalId: message.principalId ?? 'system',
    payloadHash: payloadHash(JSON.stringify(envelope)),
  };
  try {
    const response = await kit.client.post(partner, messageId, envelope);
    kit.metrics.sent(partner.name, message.type, response.ms);
    await kit.record([{ ...entry, signature: response.signature, outcome: 'DELIVERED', httpStatus: response.status }]);
    return response.body;
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    const status = /answered (\d{3})/.exec(err.message)?.[1];
    await kit.record([{ ...entry, outcome: 'FAILED', httpStatus: status ? Number(status) : undefined, detail: err.message.slice(0, 500) }]);
    throw err;
  }
}
