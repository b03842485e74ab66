import { randomUUID } from 'node:crypto';
import { maskAddress } from '../../../policies';
import { forkEm, type Orm } from '../../platform/db/orm';
import { notifyStatement } from '../../platform/events/pg-event-target';
import type { Logger } from '../../platform/logging';
import { RegionEntity, RiskWarningEntity, type RiskWarning } from '../entities';
import type { HotlineRuntime } from '../runtime';
import { findHotspots } from './hotspots';

const RISK_LOCK = 4_012_348;

/** The event published (at commit) for each newly raised warning: `{ warningId }`. */
export const RISK_RAISED_TOPIC = 'risk.raised';

type Finding = Omit<RiskWarning, 'id' | 'raisedAt' | 'updatedAt' | 'acknowledgedAt' | 'acknowledgedBy' | 'acknowledgeNote'>;

/**
 * 风险预警 — evaluates the configured rules over recent cases and raises one warning per rule,
 * subject and window (its key), not one per case: later cases of the same surge are added to the
 * warning already raised. Rules (settings `riskRules`):
 * - sensitive categories (wage arrears, gas leaks, missing manhole covers …) in a district;
 * - a sudden surge: a hotspot (the Poisson test of `findHotspots`) over the last hours;
 * - many different callers about one address (cut to community level).
 * One evaluation at a time across processes (advisory lock). Returns the warnings newly raised.
 */
export async function evaluateRiskRules(orm: Orm, runtime: HotlineRuntime, log: Logger): Promise<{ raised: RiskWarning[]; updated: number; skipped: boolean }> {
  const now = runtime.clock.now();
  const settings = await runtime.settings();
  const rules = settings.riskRules;
  return forkEm(orm).transactional(async (tx) => {
    const [{ locked }] = (await tx.execute('select pg_try_advisory_xact_lock(?) as locked', [RISK_LOCK])) as { locked: boolean }[];
    if (!locked) return { raised: [], updated: 0, skipped: true };
    await tx.execute(`select set_config('hub.role', 'SYSTEM', true)`);
    const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const findings: Finding[] = [];

    const since = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    const sensitive = (await tx.execute(
      `select category_code, region_code, region_path, array_agg(id order by created_at) as ids
         from hotline."case"
        where category_code = any(?::text[]) and created_at >= ? and status <> 'MERGED'
        group by 1, 2, 3 having count(*) >= ?`,
      [`{${rules.sensitiveCategories.codes.join(',')}}`, since(rules.sensitiveCategories.windowHours), rules.sensitiveCategories.minCases],
    )) as { category_code: string; region_code: string; region_path: string[]; ids: string[] }[];
    for (const r of sensitive) {
      findings.push({
        key: `sensitive:${r.category_code}:${r.region_code}:${day}`,
        rule: 'SENSITIVE_CATEGORY',
        level: r.ids.length >= 5 ? 'ORANGE' : 'YELLOW',
        title: `敏感事项：${r.category_code} 类诉求在 ${r.region_code} 出现 ${r.ids.length} 件`,
        regionCode: r.region_code,
        regionPath: r.region_path,
        categoryCode: r.category_code,
        caseIds: r.ids,
      });
    }

    const regions = new Map((await tx.find(RegionEntity, {})).map((r) => [r.code, r]));
    const provinces = [...regions.values()].filter((r) => r.level === 'PROVINCE');
    for (const province of provinces) {
      const surges = await findHotspots(tx, settings.hotspot, { regionPath: province.code, from: since(rules.surge.windowHours), to: now });
      for (const h of surges) {
        const place = regions.get(h.place);
        findings.push({
          key: `surge:${h.categoryCode}:${h.place}:${day}`,
          rule: 'SUDDEN_SURGE',
          level: h.observed >= 3 * h.expected && h.observed >= 10 ? 'RED' : 'ORANGE',
          title: `突发激增：${place?.name ?? h.place} ${h.categoryCode} 类诉求 ${h.observed} 件（基线预期 ${h.expected}）`,
          regionCode: h.place,
          regionPath: place?.path ?? [h.place],
          categoryCode: h.categoryCode,
          caseIds: h.caseIds,
        });
      }
    }

    const sameAddress = (await tx.execute(
      `select address, region_code, region_path, caller_phone_hash, caller_phone, id
         from hotline."case" where address is not null and created_at >= ? and status <> 'MERGED'`,
      [since(rules.sameAddress.windowHours)],
    )) as { address: string; region_code: string; region_path: string[]; caller_phone_hash: string | null; caller_phone: string | null; id: string }[];
    const byPlace = new Map<string, typeof sameAddress>();
    for (const row of sameAddress) {
      const place = maskAddress(row.address);
      byPlace.set(place, [...(byPlace.get(place) ?? []), row]);
    }
    for (const [place, rows] of byPlace) {
      const callers = new Set(rows.map((r) => r.caller_phone_hash ?? r.caller_phone ?? r.id));
      if (callers.size < rules.sameAddress.minCallers) continue;
      findings.push({
        key: `address:${runtime.pii.of(place)}:${day}`,
        rule: 'SAME_ADDRESS',
        level: callers.size >= 10 ? 'ORANGE' : 'BLUE',
        title: `同一地点多人来电：${place.replace(/\*+$/, '')}，${callers.size} 位来电人`,
        regionCode: rows[0]!.region_code,
        regionPath: rows[0]!.region_path,
        caseIds: rows.map((r) => r.id),
      });
    }

    const raised: RiskWarning[] = [];
    let updated = 0;
    for (const f of findings) {
      const existing = await tx.findOne(RiskWarningEntity, { key: f.key });
      if (existing) {
        const more = f.caseIds.filter((id) => !existing.caseIds.includes(id));
        if (more.length) {
          existing.caseIds = [...existing.caseIds, ...more];
          existing.level = f.level;
          existing.title = f.title;
          existing.updatedAt = now;
          updated++;
        }
        continue;
      }
      raised.push(tx.create(RiskWarningEntity, { id: randomUUID(), ...f, raisedAt: now, updatedAt: now }));
    }
    await tx.flush();
    // Managers subscribed to warnings (riskWarnings subscription) hear of each new one at commit.
    for (const w of raised) {
      const { sql, bindings } = notifyStatement(RISK_RAISED_TOPIC, { warningId: w.id });
      await tx.execute(sql, bindings);
    }
    if (raised.length) log.warn({ raised: raised.map((w) => ({ rule: w.rule, level: w.level, cases: w.caseIds.length })) }, 'risk warnings raised');
    return { raised, updated, skipped: false };
  });
}
