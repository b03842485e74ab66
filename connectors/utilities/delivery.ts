import type { Clock } from '../../src/platform/clock';
import { forkEm, type Orm } from '../../src/platform/db/orm';
import { HOTLINE_COMMAND_TOPIC, type HotlineCommand } from '../kit/matters';
import { enqueue, type OutboxMessage } from '../kit/outbox';
import type { OrderRequest, UtilityClients } from './client';
import { FaultOrderCaseEntity, FaultOrderEntity, UtilitiesOutboxEntity, type Utility } from './entities';

type OrderMessage = Omit<OrderRequest, 'hubOrderId'> & { orderId: string; utility: Utility };

/**
 * Sends a new fault order to its utility from this module's outbox. The outbox message id is the
 * `webhook-id` and the hub's order id travels in the body: an order sent twice (a lost answer, a
 * retry after a timeout) is one order there, and its answer — the utility's order number — is
 * recorded once. The cases already attached to the order are then linked to that number.
 */
export function utilityOrderDelivery(orm: Orm, clients: UtilityClients, clock: Clock): (message: OutboxMessage) => Promise<void> {
  return async (message) => {
    const { orderId, utility, ...order } = message.payload as unknown as OrderMessage;
    const answer = await clients.createOrder(utility, { hubOrderId: orderId, ...order }, { id: message.id, now: clock.now() });
    await forkEm(orm).transactional(async (tx) => {
      const row = await tx.findOne(FaultOrderEntity, { id: orderId });
      if (!row || row.externalRef) return;
      const now = clock.now();
      row.externalRef = answer.orderNo;
      if (row.status === 'PENDING') row.status = 'SENT';
      row.promisedArrivalAt = answer.promisedArrivalAt ? new Date(answer.promisedArrivalAt) : undefined;
      row.updatedAt = now;
      const children = await tx.find(FaultOrderCaseEntity, { orderId });
      enqueue(
        tx,
        UtilitiesOutboxEntity,
        now,
        children.map((child) => {
          const link: HotlineCommand = { kind: 'link', partner: row.partner, externalRef: answer.orderNo, caseId: child.caseId, system: 'UTILITY', relation: 'FAULT_ORDER', status: row.status };
          return { topic: HOTLINE_COMMAND_TOPIC, key: child.caseId, payload: link };
        }),
      );
    });
  };
}
