import type { Clock } from '../../src/platform/clock';
import type { OutboxMessage } from '../kit/outbox';
import type { LeadReport, SupervisionClient } from './client';

/** Delivers lead status reports from this module's outbox; the message id is the `webhook-id` (one report there). */
export function supervisionReportDelivery(client: SupervisionClient, clock: Clock): (message: OutboxMessage) => Promise<void> {
  return (message) => client.report(message.payload as unknown as LeadReport, { id: message.id, now: clock.now() });
}
