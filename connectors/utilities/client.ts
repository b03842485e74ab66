import { callPartner, type PartnerEndpoint } from '../kit/stopgap-client';
import type { Utility } from './entities';

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

/** Each utility's system as the hub calls it: POST /orders creates a fault order and returns its number. */
export function createUtilityClients(endpoints: Partial<Record<Utility, PartnerEndpoint>>) {
  return {
    has: (utility: Utility) => Boolean(endpoints[utility]),
    async createOrder(utility: Utility, order: OrderRequest, options: { id: string; now: Date }): Promise<OrderAnswer> {
      const endpoint = endpoints[utility];
      if (!endpoint) throw new Error(`no endpoint configured for the ${utility} utility`);
      const answer = await callPartner<Partial<OrderAnswer>>(endpoint, '/orders', order, options);
      if (typeof answer.orderNo !== 'string' || !answer.orderNo) throw new Error(`${endpoint.name}: answered without an order number`);
      return { orderNo: answer.orderNo.slice(0, 64), promisedArrivalAt: answer.promisedArrivalAt };
    },
  };
}

export type UtilityClients = ReturnType<typeof createUtilityClients>;
