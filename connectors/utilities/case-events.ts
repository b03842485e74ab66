import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/platform/clock';
import { forkEm, type EntityManager, type Orm } from '../../src/platform/db/orm';
import type { CaseChanged, CaseSnapshot } from '../kit/events';
import { HOTLINE_COMMAND_TOPIC, type HotlineCommand } from '../kit/matters';
import { enqueue, type OutboxMessage } from '../kit/outbox';
import { FaultOrderCaseEntity, FaultOrderEntity, OutageEntity, UTILITIES, UtilitiesOutboxEntity, type FaultOrder, type Outage, type Utility } from './entities';
import { UTILITY_NAMES, UTILITY_PARTNER } from './mapping';

export const UTILITY_ORDER_TOPIC = 'utility.order';

/** Calls about the same fault in the same place within this window join one order (its children). */
export type FaultOrderSettings = { groupWindowHours: number };
export const DEFAULT_FAULT_ORDER_SETTINGS: FaultOrderSettings = { groupWindowHours: 24 };

/** The actions with which a utility fault is accepted for handling (HANDLE at intake). */
const ACCEPTED = new Set(['awaitDispatch']);
const OPEN_ORDER: FaultOrder['status'][] = ['PENDING', 'SENT', 'ACCEPTED', 'ARRIVED'];

/**
 * Consumes the hotline's `case.changed` events for utility faults (水电气暖):
 * - a call in the area and time of a known outage is attached to that outage (the operator's answer:
 *   the outage, its cause and expected end) — no new order for the utility;
 * - otherwise the call joins the open order for the same fault in the same place (a child), or
 *   opens a new order, sent to the utility through this module's outbox (retried, never lost);
 * - every change copies the case's scope onto its order rows (row policy here).
 * Idempotent: a case is a child of at most one order (unique), so a redelivered event attaches
 * nothing twice; concurrent calls about one place serialise on an advisory lock for that place.
 */
export function utilityCaseEvents(orm: Orm, clock: Clock, settings: FaultOrderSettings = DEFAULT_FAULT_ORDER_SETTINGS): (message: OutboxMessage) => Promise<void> {
  return async (message) => {
    const event = message.payload as unknown as CaseChanged;
    const c = event.case;
    const scope = { regionPath: c.regionPath, assignedUnitIds: c.assignedUnitIds, sharedWith: c.sharedWith };
    const utility = (UTILITIES as readonly string[]).includes(c.utility ?? '') ? (c.utility as Utility) : undefined;
    await forkEm(orm).transactional(async (tx) => {
      if (utility && ACCEPTED.has(event.action) && c.categoryCode) await attach(tx, clock.now(), settings, utility, c);
      await tx.nativeUpdate(FaultOrderCaseEntity, { caseId: c.caseId }, scope);
    });
  };
}

async function attach(tx: EntityManager, now: Date, settings: FaultOrderSettings, utility: Utility, c: CaseSnapshot): Promise<void> {
  const district = c.regionPath.at(-1)!;
  const place = c.township ?? district;
  await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`utility-order:${utility}:${place}`]);
  if (await tx.findOne(FaultOrderCaseEntity, { caseId: c.caseId })) return;
  const partner = UTILITY_PARTNER[utility];
  const reportedAt = new Date(c.createdAt);
  const commands: HotlineCommand[] = [];

  let order: FaultOrder | null = null;
  const outage = await outageCovering(tx, utility, district, c.township, reportedAt);
  if (outage) {
    order = await tx.findOne(FaultOrderEntity, { outageId: outage.id });
    order ??= tx.create(FaultOrderEntity, newOrder(partner, utility, c, now, { status: 'COVERED_BY_OUTAGE', outageId: outage.id, externalRef: outage.externalRef }));
    commands.push(
      { kind: 'link', partner, externalRef: outage.externalRef, caseId: c.caseId, system: 'UTILITY', relation: 'KNOWN_OUTAGE', status: outage.kind },
      { kind: 'progress', partner, externalRef: outage.externalRef, caseId: c.caseId, note: outageAnswer(utility, outage) },
    );
  } else {
    order = await tx.findOne(
      FaultOrderEntity,
      {
        partner,
        categoryCode: c.categoryCode!,
        region: district,
        township: c.township ?? null,
        outageId: null,
        status: { $in: OPEN_ORDER },
        createdAt: { $gte: new Date(now.getTime() - settings.groupWindowHours * 3_600_000) },
      },
      { orderBy: { createdAt: 'asc' } },
    );
    if (!order) {
      order = tx.create(FaultOrderEntity, newOrder(partner, utility, c, now, { status: 'PENDING' }));
      enqueue(tx, UtilitiesOutboxEntity, now, [
        {
          topic: UTILITY_ORDER_TOPIC,
          key: order.id,
          payload: { orderId: order.id, utility, caseNumber: c.number, categoryCode: c.categoryCode, region: district, township: c.township, address: c.address, title: c.title, reportedAt: c.createdAt },
        },
      ]);
    } else if (order.externalRef) {
      commands.push({ kind: 'link', partner, externalRef: order.externalRef, caseId: c.caseId, system: 'UTILITY', relation: 'CHILD_ORDER', status: order.status });
    }
  }
  order.childCount += 1;
  order.assignedUnitIds = [...new Set([...order.assignedUnitIds, ...c.assignedUnitIds])];
  order.updatedAt = now;
  tx.create(FaultOrderCaseEntity, {
    id: randomUUID(),
    partner,
    orderId: order.id,
    caseId: c.caseId,
    caseNumber: c.number,
    attachedAt: now,
    regionPath: c.regionPath,
    assignedUnitIds: c.assignedUnitIds,
    sharedWith: c.sharedWith,
  });
  enqueue(tx, UtilitiesOutboxEntity, now, commands.map((command) => ({ topic: HOTLINE_COMMAND_TOPIC, key: c.caseId, payload: command })));
}

function newOrder(partner: string, utility: Utility, c: CaseSnapshot, now: Date, extra: Partial<FaultOrder>): FaultOrder {
  return {
    id: randomUUID(),
    partner,
    utility,
    status: 'PENDING',
    region: c.regionPath.at(-1)!,
    township: c.township,
    categoryCode: c.categoryCode!,
    childCount: 0,
    createdAt: now,
    updatedAt: now,
    regionPath: c.regionPath,
    assignedUnitIds: [],
    sharedWith: [partner],
    ...extra,
  };
}

/** The outage of this utility in force at `at` over the district (all of it) or the township. */
async function outageCovering(tx: EntityManager, utility: Utility, district: string, township: string | undefined, at: Date): Promise<Outage | null> {
  const candidates = await tx.find(
    OutageEntity,
    { utility, region: district, cancelled: false, startsAt: { $lte: at }, $or: [{ endsAt: null }, { endsAt: { $gte: at } }] },
    { orderBy: { startsAt: 'desc' } },
  );
  return candidates.find((o) => o.townships.length === 0 || (township !== undefined && o.townships.includes(township))) ?? null;
}

/** What the operator tells the caller (and the case records): the outage, its cause, its expected end. */
export function outageAnswer(utility: Utility, outage: Outage): string {
  const kind = outage.kind === 'PLANNED' ? `计划${UTILITY_NAMES[utility]}` : `故障${UTILITY_NAMES[utility]}`;
  const until = outage.endsAt ? `，预计 ${cst(outage.endsAt)} 恢复` : '，恢复时间待定';
  return `已知${kind}（${outage.externalRef}）：${outage.reason}${until}。来电已并入该停运信息，不另派单。`;
}

function cst(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
