import { LockMode } from '@mikro-orm/core';
import { asSubject, rowFilter } from '../../policies';
import { badInput, forbidden, invalidTransition, notFound } from '../platform/graphql/errors';
import { localIdOf } from '../platform/graphql/ids';
import type { HotlineContext } from './context';
import { CaseEntity, type Case } from './entities';
import { applyTransition, recordHistory } from './mutate';
import { OPEN_STATES } from './workflow';
import { tokenize } from './text';

/**
 * 并单 — several callers, one matter: the children become MERGED under the master and follow it.
 * The master is a case still being worked on (never an ended one: its children would wait forever);
 * merges flatten — the children of a merged case move to the new master — so every caller is one
 * step from the case that handles the matter. When the master closes, each child gets its result
 * and a follow-up of its own (follow-up.ts). All cases are locked in id order, so two dispatchers
 * merging overlapping sets cannot deadlock.
 */
export async function mergeCases(ctx: HotlineContext, args: { masterId: string; caseIds: string[] }): Promise<Case> {
  const masterId = localIdOf('Case', args.masterId, 'masterId');
  const childIds = args.caseIds.map((id, i) => localIdOf('Case', id, `caseIds[${i}]`));
  if (childIds.length === 0) throw badInput('caseIds', 'name at least one case to merge');
  if (childIds.length > 50) throw badInput('caseIds', 'merge at most 50 cases at once');
  if (new Set(childIds).size !== childIds.length) throw badInput('caseIds', 'lists a case twice');
  if (childIds.includes(masterId)) throw badInput('caseIds', 'cannot contain the master case');
  const visible = rowFilter(ctx.ability, 'read', 'Case');
  if (!visible) throw notFound('case');
  return ctx.em.transactional(async (tx) => {
    const ids = [masterId, ...childIds].sort();
    const rows = await tx.find(CaseEntity, { $and: [{ id: { $in: ids } }, visible] }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
    const byId = new Map(rows.map((c) => [c.id, c]));
    const master = byId.get(masterId);
    if (!master) throw notFound('the master case');
    if (!ctx.ability.can('merge', asSubject('Case', master))) throw forbidden('your role may not merge these cases');
    if (!OPEN_STATES.includes(master.status) || master.closedAt) {
      throw invalidTransition(master.status, 'MERGED', 'the master case must be one still being worked on (not ended, not itself merged)');
    }
    const now = ctx.clock.now();
    const settings = await ctx.runtime.settings();
    for (const id of childIds) {
      const child = byId.get(id);
      if (!child) throw notFound('case');
      if (child.regionPath[1] !== master.regionPath[1]) throw badInput('caseIds', `${child.number} belongs to another city than the master`);
      child.masterId = master.id;
      await applyTransition(ctx, tx, child, 'merge', { now, settings, facts: {} }, { note: `并入主工单 ${master.number}`, data: { masterId: master.id } });
      // Flattened: the child's own merged callers follow the new master.
      const grandchildren = await tx.find(CaseEntity, { masterId: child.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
      for (const grandchild of grandchildren) {
        grandchild.masterId = master.id;
        grandchild.updatedAt = now;
        recordHistory(tx, grandchild, ctx.principal, 'remaster', grandchild.status, grandchild.status, now, `随 ${child.number} 并入主工单 ${master.number}`, { masterId: master.id, previousMasterId: child.id });
      }
    }
    await tx.flush();
    return master;
  });
}

export type DuplicateCandidate = { case: Case; score: number; reasons: string[] };

/**
 * Likely duplicates of a case: same district and category within the configured window, scored by
 * the similarity of their words (jieba tokens, Jaccard), same township and closeness in time.
 * Candidates are narrowed in SQL; only those few are scored here.
 */
export async function duplicateCandidates(ctx: HotlineContext, caseId: string, first: number): Promise<DuplicateCandidate[]> {
  const subject = await ctx.loaders.caseById.load(localIdOf('Case', caseId, 'caseId'));
  if (!subject) throw notFound('case');
  const visible = rowFilter(ctx.ability, 'read', 'Case');
  if (!visible || !subject.categoryCode) return [];
  const settings = await ctx.runtime.settings();
  const window = settings.duplicateWindowDays * 86_400_000;
  const candidates = await ctx.em.find(
    CaseEntity,
    {
      $and: [
        visible,
        { id: { $ne: subject.id } },
        { regionCode: subject.regionCode },
        { categoryCode: subject.categoryCode },
        { status: { $ne: 'MERGED' } },
        { createdAt: { $gte: new Date(subject.createdAt.getTime() - window), $lte: new Date(subject.createdAt.getTime() + window) } },
      ],
    },
    { limit: 200, orderBy: { createdAt: 'desc' } },
  );
  const words = new Set(subject.searchText ? subject.searchText.split(' ') : tokenize(`${subject.title} ${subject.description}`));
  return candidates
    .map((c) => {
      const other = new Set(c.searchText.split(' ').filter(Boolean));
      const shared = [...words].filter((w) => other.has(w)).length;
      const text = shared / Math.max(1, new Set([...words, ...other]).size);
      const sameTownship = Boolean(subject.townshipCode && c.townshipCode === subject.townshipCode);
      const closeness = 1 - Math.abs(c.createdAt.getTime() - subject.createdAt.getTime()) / window;
      const score = Math.round((0.6 * text + 0.2 * (sameTownship ? 1 : 0) + 0.2 * closeness) * 1000) / 1000;
      const reasons = [`${Math.round(text * 100)}% shared words`, ...(sameTownship ? ['same township'] : []), `${Math.round(closeness * 100)}% close in time`];
      return { case: c, score, reasons };
    })
    .filter((d) => d.score >= 0.3)
    .sort((a, b) => b.score - a.score)
    .slice(0, first);
}
