import { markRevealed } from '../../policies';
import type { HotlineContext } from './context';
import type { Case } from './entities';
import { mutateCase, recordHistory } from './mutate';
import { requiredText } from './validate';

/**
 * Break-glass: a handler who must call the citizen gets the contact in clear — only where policy
 * permits (`reveal` on this case: never for confidential callers or whistleblowers), always with a
 * reason, recorded in the case history and in the access log under the operation
 * `revealCallerContact`, which auditors can filter on.
 */
export async function revealCallerContact(ctx: HotlineContext, args: { caseId: string; reason: string }): Promise<Case> {
  const reason = requiredText('reason', args.reason, { min: 10, max: 500 });
  const c = await mutateCase(ctx, args.caseId, {}, async ({ tx, c, now, check }) => {
    check('revealContact');
    recordHistory(tx, c, ctx.principal, 'revealCallerContact', c.status, c.status, now, reason);
    return c;
  });
  return markRevealed(c);
}
