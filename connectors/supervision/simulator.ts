import { randomUUID } from 'node:crypto';
import { postSigned, SimulatorServer } from '../kit/simulator-http';
import type { LeadMessage } from './inbound';

export type SupervisionSimulatorOptions = { secrets: readonly string[]; hubWebhookUrl?: string; now?: () => Date };

/**
 * The national Internet+Supervision platform (国务院“互联网+督查”平台) over real HTTP: sends leads to
 * the hub's webhook and receives their status reports (one per `webhook-id`).
 */
export class SupervisionSimulator {
  readonly http: SimulatorServer;
  readonly reports: { id: string; leadRef: string; stage: string; caseNumber: string; linked: boolean }[] = [];
  hubWebhookUrl: string | undefined;

  constructor(private readonly options: SupervisionSimulatorOptions) {
    this.hubWebhookUrl = options.hubWebhookUrl;
    this.http = new SimulatorServer({ name: 'supervision', secrets: options.secrets, now: options.now }).onMessage('lead.status', (data, { headers }) => {
      const id = headers['webhook-id']!;
      if (!this.reports.some((r) => r.id === id)) {
        this.reports.push({ id, leadRef: String(data.leadRef), stage: String(data.stage), caseNumber: String(data.caseNumber), linked: data.linked === true });
      }
      return { status: 200, body: { received: true } };
    });
  }

  start(port = 0): Promise<string> {
    return this.http.start(port);
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Sends a lead to the hub, signed; pass the same `id` twice to send a duplicate. */
  sendLead(lead: Omit<LeadMessage, 'type'>, options: { id?: string; at?: Date } = {}): Promise<{ status: number; body: unknown }> {
    if (!this.hubWebhookUrl) throw new Error('supervision simulator: no hub webhook URL');
    return postSigned(this.hubWebhookUrl, this.options.secrets, 'lead.created', lead, { id: options.id ?? `msg_${randomUUID()}`, at: options.at });
  }
}
