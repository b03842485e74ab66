import type { Clock } from '../../src/platform/clock';
import type { OutboxMessage } from '../kit/outbox';
import type { HandlingReport, PetitionClient } from './client';

/**
 * Delivers handling reports to the petition system from this module's outbox. The outbox message
 * id is the `webhook-id`: a report delivered twice (a lost answer, a retry) is one report there.
 */
export function petitionReportDelivery(client: PetitionClient, clock: Clock): (message: OutboxMessage) => Promise<void> {
  return (message) => client.reportHandling(message.payload as unknown as HandlingReport, { id: message.id, now: clock.now() });
}
