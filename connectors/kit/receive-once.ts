import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntitySchema, type FilterQuery } from '@mikro-orm/core';
import { forkEm, type EntityManager, type Orm } from '../../src/platform/db/orm';

/**
 * A partner's matter, written once per partner reference (a matter sent twice is one matter): if a
 * row matches `where`, its id is answered as a duplicate; otherwise `write(tx, id)` runs in one
 * transaction (the row and whatever goes with it, e.g. the command to the hotline). A concurrent
 * first write of the same reference loses on the unique index and answers the winner's id.
 */
export async function receiveOnce<T extends { id: string }>(
  orm: Orm,
  entity: EntitySchema<T>,
  where: FilterQuery<T>,
  write: (tx: EntityManager, id: string) => void,
): Promise<{ id: string; duplicate: boolean }> {
  const em = forkEm(orm);
  const existing = await em.findOne(entity, where);
  if (existing) return { id: existing.id, duplicate: true };
  const id = randomUUID();
  try {
    await em.transactional(async (tx) => write(tx, id));
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await forkEm(orm).findOneOrFail(entity, where);
    return { id: winner.id, duplicate: true };
  }
  return { id, duplicate: false };
}
