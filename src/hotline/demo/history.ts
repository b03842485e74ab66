import type { CaseSnapshot } from '../../../connectors/kit/events';
import type { EntityManager } from '../../platform/db/orm';
import { CaseEntity, CaseEventEntity, FollowUpEntity, type Case } from '../entities';
import type { ReplyResult, Satisfaction } from '../model';
import { snapshotOf } from '../mutate';
import { segmentForSearch } from '../text';
import { ADDRESSES, CASE_TEMPLATES, CATALOG, REGIONS, SURNAMES, GIVEN_NAMES, type CaseTemplate } from './data';
import { demoUuid, unitId } from './ids';

/**
 * Three years of closed cases behind the recent ones, with the seasons a real hotline sees — heating
 * complaints from November to March, water and power faults in the summer, school enrolment in
 * August, wage arrears before the Spring Festival — and, in the last two days, a surge of water
 * outages in one street (滨河街道, 离石区). Governance queries (hotspots, seasonal outlook, risk
 * warnings) and the intake classifier learn from and find these.
 */
const SEASON: Record<string, (month: number) => number> = {
  '0804': (m) => (m >= 11 || m <= 3 ? 6 : 0.1),
  '0801': (m) => (m === 7 || m === 8 ? 3 : 1),
  '0802': (m) => (m === 7 || m === 8 ? 2.5 : 1),
  '0601': (m) => (m >= 7 && m <= 9 ? 4 : 0.5),
  '0201': (m) => (m === 12 || m === 1 ? 4 : 1),
  '0401': (m) => (m >= 11 || m <= 2 ? 2 : 1),
};

export const SURGE = { township: '141102001', district: '141102', categoryCode: '0801', cases: 18 } as const;

export function seedHistory(em: EntityManager, now: Date, random: () => number, counters: Map<string, number>): CaseSnapshot[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const regions = new Map(REGIONS.map((r) => [r.code, r]));
  const townships = REGIONS.filter((r) => r.level === 'TOWNSHIP');
  const snapshots: CaseSnapshot[] = [];
  const start = new Date(now.getTime() - 3 * 365 * 86_400_000);
  const end = new Date(now.getTime() - 60 * 86_400_000);
  let n = 0;
  for (let day = new Date(start); day < end; day = new Date(day.getTime() + 86_400_000)) {
    const month = new Date(day.getTime() + 8 * 3_600_000).getUTCMonth() + 1;
    for (const template of CASE_TEMPLATES) {
      const weight = (SEASON[template.categoryCode] ?? (() => 1))(month);
      // ≈ 1.3 cases a day across the province, shaped by the season of each category.
      if (random() > (weight * 1.3) / CASE_TEMPLATES.length) continue;
      const township = pick(townships);
      const c = closedCase(`history:${n++}`, template, township.code, day, random, pick, regions, counters);
      em.create(CaseEntity, c);
      addHistory(em, c);
      snapshots.push(snapshotOf(c));
    }
  }
  const surgeTemplates = CASE_TEMPLATES.filter((t) => t.categoryCode === SURGE.categoryCode && t.type !== 'PRAISE');
  for (let i = 0; i < SURGE.cases; i++) {
    const at = new Date(now.getTime() - Math.floor(random() * 44 * 3_600_000) - 600_000);
    const c = closedCase(`surge:${i}`, pick(surgeTemplates), SURGE.township, at, random, pick, regions, counters);
    Object.assign(c, { status: 'PENDING_DISPATCH', closedAt: undefined, closeReason: undefined, satisfaction: undefined, followUpResolved: undefined, replyResult: undefined, replyText: undefined, repliedAt: undefined, signedAt: undefined, dispatchedAt: undefined, leadUnitId: undefined, coUnitIds: [], assignedUnitIds: [], dueAt: undefined });
    c.urgency = 'URGENT';
    c.createdAt = at;
    c.updatedAt = at;
    em.create(CaseEntity, c);
    em.create(CaseEventEntity, { caseId: c.id, at: c.createdAt, actorId: 'op-wangfang', actorRole: 'OPERATOR', action: 'awaitDispatch', fromStatus: 'REGISTERED', toStatus: 'PENDING_DISPATCH' } as never);
    snapshots.push(snapshotOf(c));
  }
  return snapshots;
}

function closedCase(
  key: string,
  template: CaseTemplate,
  townshipCode: string,
  day: Date,
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
  regions: Map<string, (typeof REGIONS)[number]>,
  counters: Map<string, number>,
): Case {
  const township = regions.get(townshipCode)!;
  const district = regions.get(township.parentCode!)!;
  const city = regions.get(district.parentCode!)!;
  const createdAt = new Date(day.getTime() - (day.getTime() % 86_400_000) + Math.floor(random() * 12 * 3_600_000));
  const entry = CATALOG.find((e) => e.categoryCode === template.categoryCode && e.regionCode === district.code) ?? CATALOG.find((e) => e.categoryCode === template.categoryCode && e.regionCode === city.code)!;
  const lead = unitId(entry.leadUnit);
  const co = entry.coUnits.map(unitId);
  const address = `${city.name}${district.name}${township.name}${pick(ADDRESSES[township.code] ?? ['某社区'])}`;
  const title = pick(template.titles);
  const description = pick(template.descriptions).replaceAll('{address}', address);
  const ymd = new Date(createdAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  const prefix = `12345-${city.code}-${ymd}`;
  const seq = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, seq);
  const hours = (h: number) => new Date(createdAt.getTime() + h * 3_600_000);
  const result: ReplyResult = random() < 0.75 ? 'RESOLVED' : random() < 0.6 ? 'PARTIALLY_RESOLVED' : random() < 0.8 ? 'EXPLAINED' : 'FINAL_REPLY';
  const satisfaction: Satisfaction = random() < 0.72 ? 'SATISFIED' : random() < 0.7 ? 'BASICALLY_SATISFIED' : 'DISSATISFIED';
  return {
    id: demoUuid('case', key),
    number: `${prefix}-${String(seq).padStart(6, '0')}`,
    channel: random() < 0.7 ? 'PHONE' : pick(['WEB', 'APP', 'MINI_PROGRAM', 'SMS'] as const),
    desk: 'GENERAL',
    type: template.type,
    urgency: template.urgency ?? 'NORMAL',
    disposition: 'HANDLE',
    status: 'CLOSED',
    categoryCode: template.categoryCode,
    title,
    description,
    regionCode: district.code,
    regionPath: [city.parentCode!, city.code, district.code],
    townshipCode: township.code,
    address,
    callerName: `${pick(SURNAMES)}${pick(GIVEN_NAMES)}`,
    callerPhone: `1${pick(['38', '39', '50', '58', '86', '87'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
    callerConfidential: false,
    callerAnonymous: false,
    callerWhistleblower: false,
    callerCallbackConsent: true,
    intakeBy: 'op-wangfang',
    leadUnitId: lead,
    coUnitIds: co,
    assignedUnitIds: [lead, ...co],
    sharedWith: [],
    slaProfile: entry.slaProfile,
    dispatchedAt: hours(1),
    signedAt: hours(2 + random() * 20),
    returnDeadline: hours(24),
    dueAt: hours(120),
    deadlineBasis: {},
    provisionalDeadlines: [],
    lateSignings: 0,
    lateReplies: 0,
    repliedAt: hours(48),
    replyResult: result,
    replyText: '经核实，已协调相关单位处理，并向来电人反馈。',
    followUpAttempts: 1,
    followUpResolved: result === 'RESOLVED',
    satisfaction,
    reopenCount: 0,
    sendBackCount: 0,
    unitsTried: [],
    extensionCount: 0,
    searchText: segmentForSearch(`${title} ${description}`),
    closeReason: 'FOLLOW_UP',
    closedAt: hours(72),
    version: 1,
    createdAt,
    updatedAt: hours(72),
  };
}

function addHistory(em: EntityManager, c: Case): void {
  em.create(CaseEventEntity, { caseId: c.id, at: c.createdAt, actorId: 'op-wangfang', actorRole: 'OPERATOR', action: 'register', toStatus: 'REGISTERED' } as never);
  em.create(CaseEventEntity, { caseId: c.id, at: c.closedAt!, actorId: 'op-wangfang', actorRole: 'OPERATOR', action: 'close', fromStatus: 'FOLLOW_UP_PENDING', toStatus: 'CLOSED' } as never);
  em.create(FollowUpEntity, { id: demoUuid('follow-up', c.id), caseId: c.id, at: c.closedAt!, by: 'op-wangfang', reached: true, resolved: c.followUpResolved, satisfaction: c.satisfaction });
}
