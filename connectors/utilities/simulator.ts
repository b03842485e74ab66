import { randomUUID } from 'node:crypto';
import { postSigned, SimulatorServer } from '../kit/simulator-http';
import type { OrderRequest } from './client';
import type { Utility } from './entities';
import type { UtilityMessage } from './inbound';

export type UtilitySimulatorOptions = {
  utility: Utility;
  secrets: readonly string[];
  /** The hub's webhook for this utility (`…/partners/utility-<name>/webhook`). */
  hubWebhookUrl?: string;
  now?: () => Date;
  /** Promised arrival after an order (State Grid: 45 min in a city). */
  arrivalMinutes?: number;
};

const PREFIX: Record<Utility, string> = { water: 'GS', power: '95598', gas: 'RQ', heating: 'GR' };

/**
 * A utility's fault-repair system (water, power 95598-style, gas, heating) over real HTTP: takes
 * fault orders (one per hub order id — a retried order gets the same number), and posts order
 * status, arrival, restoration, replies and outages to the hub's webhook.
 */
export class UtilitySimulator {
  readonly http: SimulatorServer;
  /** Orders by the hub's order id. */
  readonly orders = new Map<string, OrderRequest & { orderNo: string }>();
  hubWebhookUrl: string | undefined;
  private sequence = 0;

  constructor(private readonly options: UtilitySimulatorOptions) {
    this.hubWebhookUrl = options.hubWebhookUrl;
    this.http = new SimulatorServer({ name: `utility-${options.utility}`, secrets: options.secrets, now: options.now }).onMessage('order.created', (data) => {
      const request = data as unknown as OrderRequest;
      if (!request.hubOrderId || !request.caseNumber) return { status: 422, body: { error: 'hubOrderId and caseNumber are required' } };
      let order = this.orders.get(request.hubOrderId);
      if (!order) {
        order = { ...request, orderNo: `${PREFIX[options.utility]}${String(++this.sequence).padStart(10, '0')}` };
        this.orders.set(request.hubOrderId, order);
      }
      const now = (options.now ?? (() => new Date()))();
      return { status: 200, body: { orderNo: order.orderNo, promisedArrivalAt: new Date(now.getTime() + (options.arrivalMinutes ?? 45) * 60_000).toISOString() } };
    });
  }

  start(port = 0): Promise<string> {
    return this.http.start(port);
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Posts a message to the hub, signed; pass the same `id` twice to send a duplicate. */
  send(message: UtilityMessage, options: { id?: string; at?: Date } = {}): Promise<{ status: number; body: unknown }> {
    if (!this.hubWebhookUrl) throw new Error(`utility-${this.options.utility} simulator: no hub webhook URL`);
    const { type, ...data } = message;
    return postSigned(this.hubWebhookUrl, this.options.secrets, type, data, { id: options.id ?? `msg_${randomUUID()}`, at: options.at });
  }
}
