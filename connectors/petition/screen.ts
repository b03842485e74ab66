import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/platform/clock';
import { forkEm, type Orm } from '../../src/platform/db/orm';
import type { Logger } from '../../src/platform/logging';
import type { PetitionClient } from './client';
import { correlationKey } from './correlation';
import { PetitionCheckEntity, type PetitionMatch } from './entities';
import { petitionStatusOf } from './mapping';

/** The hotline's intake screen shape (src/hotline/intake-screen.ts), met structurally: modules never import each other. */
type ScreenRequest = { phone?: string; idNumber?: string; region: string; regionPath: string[]; categoryCode?: string; occurredAt: Date; principalSub: string };
type ScreenResult = { partner: string; checkId: string; outcome: 'MATCHED' | 'NO_MATCH' | 'UNAVAILABLE'; legalRoute?: 'ALREADY_IN_PETITION'; references: string[] };

export type ChannelCheckOptions = { orm: Orm; clock: Clock; log: Logger; client: PetitionClient; correlationSecret: Buffer; windowDays: number };

/**
 * 信访渠道核查 — at intake, asks the petition system whether this caller's matter is already in the
 * petition channel, with the correlation key only (correlation.ts). Records the check (outcome and
 * references, never the key or the identifiers) so the case shows it once registered. A petition
 * system that is down or slow answers UNAVAILABLE: intake goes on, the check says it was not made.
 */
export function petitionChannelCheck(options: ChannelCheckOptions): (request: ScreenRequest) => Promise<ScreenResult> {
  const { orm, clock, log, client, correlationSecret, windowDays } = options;
  return async (request) => {
    const key = correlationKey(correlationSecret, request, windowDays);
    let matches: PetitionMatch[] = [];
    let outcome: ScreenResult['outcome'];
    let error: string | undefined;
    try {
      const found = await client.match(key, clock.now());
      matches = found
        .filter((m) => typeof m.petitionRef === 'string' && m.petitionRef.length <= 64)
        .map((m) => ({ petitionRef: m.petitionRef, agency: String(m.agency ?? ''), status: petitionStatusOf(String(m.status)), acceptedAt: String(m.acceptedAt), category: m.category }));
      outcome = matches.length > 0 ? 'MATCHED' : 'NO_MATCH';
    } catch (err) {
      outcome = 'UNAVAILABLE';
      error = (err as Error).message.slice(0, 200);
      log.warn({ partner: 'petition', reason: error }, 'petition channel check unavailable; intake goes on without it');
    }
    const checkId = randomUUID();
    const em = forkEm(orm);
    em.create(PetitionCheckEntity, {
      id: checkId,
      partner: 'petition',
      outcome,
      region: key.region,
      category: key.category,
      windowFrom: new Date(key.window.from),
      windowTo: new Date(key.window.to),
      matches,
      error,
      checkedAt: clock.now(),
      checkedBy: request.principalSub,
      regionPath: request.regionPath,
      assignedUnitIds: [],
      sharedWith: [],
    });
    await em.flush();
    return {
      partner: 'petition',
      checkId,
      outcome,
      legalRoute: outcome === 'MATCHED' ? 'ALREADY_IN_PETITION' : undefined,
      references: matches.map((m) => m.petitionRef),
    };
  };
}
