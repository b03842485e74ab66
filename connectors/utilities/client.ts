import { callPartner } from '../kit/call';
import type { ExchangeKit } from '../kit/kit';
import type { Utility } from './entities';
import { UTILITY_PARTNER } from './mapping';

/** A fault order as sent to a utility's repair system: where, what, and the hub's own reference. */
export type OrderRequest = {
  hubOrderId: string;
  caseNumber: string;
  categoryCode: string;
  region: string;
  township?: string;
  address?: string;
  title?: string;
  reportedAt: string;
};

export type OrderAnswer = { orderNo: string; promisedArrivalAt?: string };

/** Each utility's repair system as the hub calls it, through the exchange kit: `order.created` answers the order number. */
export function createUtilityClients(kit: ExchangeKit) {
  return {
    async createOrder(utility: Utility, order: OrderRequest, options: { id: string; now: Date }): Promise<OrderAnswer> {
      const partner = UTILITY_PARTNER[utility];
      const answer = (await callPartner(kit, partner, options.id, { type: 'order.created', data: order, caseNumber: order.caseNumber }, options.now)) as Partial<OrderAnswer> | undefined;
      if (typeof answer?.orderNo !== 'string' || !answer.orderNo) throw new Error(`${partner}: answered without an order number`);
      return { orderNo: answer.orderNo.slice(0, 64), promisedArrivalAt: answer.promisedArrivalAt };
    },
  };
}

export type UtilityClients = ReturnType<typeof createUtilityClients>;
