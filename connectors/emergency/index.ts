import { z } from 'zod';
import { ConfigError } from '../../src/platform/config';
import { defineSettings, readSetting } from '../../src/platform/settings';
import { forkEm, type Orm } from '../../src/platform/db/orm';
import type { Clock } from '../../src/platform/clock';
import type { Logger } from '../../src/platform/logging';
import { TransferEntity } from '../exchange/entities';
import { publish, registerTransferWebhooks } from '../exchange/transfers';
import type { ExchangeKit } from '../kit/kit';

/**
 * The emergency lines 119 (fire), 120 (medical) and 122 (traffic) — and 110 when the operator
 * transfers at once (docs/domain.md: immediate transfer, acknowledgement recorded). The transfer record
 * is written with the `TRANSFER_EMERGENCY` disposition itself (the case's event), pushed at once,
 * and must be acknowledged within a short deadline; `sweepAcknowledgementDeadlines` raises an alert
 * (error log, `hub_partner_alerts_total{kind="ack_overdue"}`, a transfer event) for each transfer
 * still unacknowledged at its deadline, once.
 */
export const EMERGENCY_LINES = ['fire119', 'ems120', 'traffic122'] as const;

const IMMEDIATE = new Set<string>([...EMERGENCY_LINES, 'police110']);

export function registerEmergencyLines(kit: ExchangeKit, clock: Clock): void {
  for (const line of EMERGENCY_LINES) registerTransferWebhooks(kit, line, clock, { inbound: false });
}

export const EMERGENCY_SETTINGS = defineSettings('Emergency lines', {
  EMERGENCY_ACK_SECONDS: { schema: z.coerce.number().int().min(5).max(3_600).default(120), description: 'an immediate transfer to 110/119/120/122 not acknowledged within this raises an alert' },
});

/** The acknowledgement deadline of an immediate transfer to `partner` (EMERGENCY_ACK_SECONDS, default 120 s). */
export function emergencyAckDeadline(env: NodeJS.ProcessEnv = process.env): (partner: string) => number | undefined {
  const problems: string[] = [];
  const seconds = readSetting(EMERGENCY_SETTINGS.EMERGENCY_ACK_SECONDS, env, problems) ?? 120;
  if (problems.length) throw new ConfigError(problems);
  return (partner) => (IMMEDIATE.has(partner) ? seconds * 1000 : undefined);
}

export async function sweepAcknowledgementDeadlines(orm: Orm, kit: ExchangeKit, clock: Clock, log: Logger): Promise<{ alerted: number }> {
  const now = clock.now();
  return forkEm(orm).transactional(async (tx) => {
    const overdue = await tx.find(
      TransferEntity,
      { ackDueAt: { $lte: now }, acknowledgedAt: null, alertedAt: null, direction: 'OUTBOUND', status: { $in: ['PENDING', 'SENT', 'FAILED', 'DEAD_LETTERED'] } },
      { limit: 200, orderBy: { ackDueAt: 'asc' } },
    );
    for (const transfer of overdue) {
      transfer.alertedAt = now;
      transfer.lastError = transfer.lastError ?? `no acknowledgement from ${transfer.partner} by ${transfer.ackDueAt!.toISOString()}`;
      transfer.updatedAt = now;
    }
    await tx.flush();
    for (const transfer of overdue) {
      await publish(tx, transfer, 'ACK_OVERDUE', now);
      kit.alert({
        partner: transfer.partner,
        kind: 'ack_overdue',
        message: `${transfer.partner} has not acknowledged emergency transfer ${transfer.id} (case ${transfer.caseNumber ?? '-'}): call the line`,
        details: { transferId: transfer.id, caseNumber: transfer.caseNumber, dueAt: transfer.ackDueAt?.toISOString() },
      });
    }
    if (overdue.length) log.warn({ alerted: overdue.length }, 'emergency transfers without acknowledgement');
    return { alerted: overdue.length };
  });
}
