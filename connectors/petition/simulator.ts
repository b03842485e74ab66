import { randomUUID } from 'node:crypto';
import { postSigned, SimulatorServer } from '../kit/simulator-http';
import type { CorrelationKey } from './correlation';
import { correlationKey } from './correlation';
import type { ReferralMessage } from './inbound';
import { petitionCategoryOf, type PetitionStatusCode } from './mapping';

/** A petition as the simulated petition system holds it: its own data, keyed as the hub would key it. */
type StoredPetition = { petitionRef: string; agency: string; status: PetitionStatusCode; acceptedAt: Date; region: string; category: string; keys: CorrelationKey['keys'] };

export type PetitionSimulatorOptions = {
  /** Secrets the hub signs its calls with, and this simulator signs its webhooks with. */
  secrets: readonly string[];
  /** The correlation secret agreed with the hub. */
  correlationSecret: Buffer;
  /** The hub's webhook for this partner (`…/partners/petition/webhook`). */
  hubWebhookUrl?: string;
  now?: () => Date;
};

/**
 * The petition system (信访信息系统) as the hub sees it, over real HTTP: answers channel checks by
 * correlation key, receives handling reports, and sends referrals to the hub's webhook. It holds its
 * petitions with the people's identifiers, as the real system does, and keys them with the shared
 * secret — so a match proves the key works without the hub ever sending a phone or ID number.
 */
export class PetitionSimulator {
  readonly http: SimulatorServer;
  readonly petitions: StoredPetition[] = [];
  /** Handling reports received, one per `webhook-id` (duplicates are acknowledged, not recorded twice). */
  readonly reports: { id: string; petitionRef: string; handling: string; caseNumber: string }[] = [];
  hubWebhookUrl: string | undefined;

  constructor(private readonly options: PetitionSimulatorOptions) {
    this.hubWebhookUrl = options.hubWebhookUrl;
    this.http = new SimulatorServer({ name: 'petition', secrets: options.secrets, now: options.now })
      .onMessage('correlation.match', (data) => ({ status: 200, body: { matches: this.match(data as unknown as CorrelationKey) } }))
      .onMessage('referral.handling', (data, { headers }) => {
        const id = headers['webhook-id']!;
        if (!this.reports.some((r) => r.id === id)) this.reports.push({ id, petitionRef: String(data.petitionRef), handling: String(data.handling), caseNumber: String(data.caseNumber) });
        return { status: 200, body: { received: true } };
      });
  }

  start(port = 0): Promise<string> {
    return this.http.start(port);
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Registers a petition on the petition side (with the person's identifiers, keyed here). */
  addPetition(p: { phone?: string; idNumber?: string; region: string; categoryCode: string; acceptedAt: Date; petitionRef?: string; status?: PetitionStatusCode; agency?: string }): string {
    const key = correlationKey(this.options.correlationSecret, { phone: p.phone, idNumber: p.idNumber, region: p.region, regionPath: [], categoryCode: p.categoryCode, occurredAt: p.acceptedAt }, 0);
    const petitionRef = p.petitionRef ?? `XF${p.region}${String(this.petitions.length + 1).padStart(8, '0')}`;
    this.petitions.push({ petitionRef, agency: p.agency ?? `${p.region} 信访局`, status: p.status ?? 'BL', acceptedAt: p.acceptedAt, region: key.region, category: petitionCategoryOf(p.categoryCode), keys: key.keys });
    return petitionRef;
  }

  /** Open petitions of the same person (either key), city and category, accepted within the window. */
  private match(key: CorrelationKey): { petitionRef: string; agency: string; status: string; acceptedAt: string; category: string }[] {
    const from = new Date(key.window.from).getTime();
    const to = new Date(key.window.to).getTime();
    return this.petitions
      .filter((p) => (key.keys.phone && p.keys.phone === key.keys.phone) || (key.keys.idNumber && p.keys.idNumber === key.keys.idNumber))
      .filter((p) => p.region === key.region && (!key.category || p.category === key.category) && p.status !== 'BJ')
      .filter((p) => p.acceptedAt.getTime() >= from && p.acceptedAt.getTime() <= to)
      .map((p) => ({ petitionRef: p.petitionRef, agency: p.agency, status: p.status, acceptedAt: p.acceptedAt.toISOString(), category: p.category }));
  }

  /** Sends a referral to the hub, signed; pass the same `id` twice to send a duplicate. */
  sendReferral(referral: Omit<ReferralMessage, 'type'>, options: { id?: string; at?: Date } = {}): Promise<{ status: number; body: unknown }> {
    if (!this.hubWebhookUrl) throw new Error('petition simulator: no hub webhook URL');
    return postSigned(this.hubWebhookUrl, this.options.secrets, 'referral.created', referral, { id: options.id ?? `msg_${randomUUID()}`, at: options.at });
  }
}
