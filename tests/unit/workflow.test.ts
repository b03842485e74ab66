import { WORKFLOW, checkTransition, type GuardContext, type WorkflowAction } from '../../src/hotline/workflow';
import { DEFAULT_SETTINGS } from '../../src/hotline/defaults';
import { CASE_STATUSES } from '../../src/hotline/model';
import type { Case } from '../../src/hotline/entities';

const guard: GuardContext = { now: new Date('2026-11-27T10:00:00+08:00'), settings: DEFAULT_SETTINGS, facts: {} };
const caseIn = (status: Case['status'], extra: Partial<Case> = {}) => ({ status, extensionCount: 0, ...extra }) as Case;

describe('the workflow table', () => {
  it('only names real states', () => {
    for (const [action, t] of Object.entries(WORKFLOW)) {
      for (const from of t.from) expect(CASE_STATUSES).toContain(from);
      if (!['SAME', 'PREVIOUS', 'BY_DISPOSITION'].includes(t.to)) expect([action, CASE_STATUSES.includes(t.to as never)]).toEqual([action, true]);
    }
  });

  it('reaches every state but REGISTERED (the intake state) from some action', () => {
    const targets = new Set(Object.values(WORKFLOW).map((t) => t.to));
    expect(CASE_STATUSES.filter((s) => s !== 'REGISTERED' && !targets.has(s))).toEqual([]);
  });

  it('refuses any move the table does not list, with from and to', () => {
    expect(checkTransition('reply', caseIn('DISPATCHED'), () => true, guard)).toMatchObject({ ok: false, kind: 'INVALID_TRANSITION', from: 'DISPATCHED', to: 'REPLIED' });
    expect(checkTransition('dispatch', caseIn('CLOSED'), () => true, guard)).toMatchObject({ ok: false, kind: 'INVALID_TRANSITION', from: 'CLOSED' });
  });

  it('asks for the action\'s permission before anything else', () => {
    const asked: string[] = [];
    const result = checkTransition('sign', caseIn('CLOSED'), (p) => (asked.push(p), false), guard);
    expect(result).toEqual({ ok: false, kind: 'FORBIDDEN', permission: 'sign' });
    expect(asked).toEqual(['sign']);
  });

  it('applies its guards: the return window, extension limits', () => {
    const late = caseIn('DISPATCHED', { returnDeadline: new Date('2026-11-26T00:00:00+08:00') });
    expect(checkTransition('requestReturn', late, () => true, guard)).toMatchObject({ ok: false, kind: 'INVALID_TRANSITION' });
    const onTime = caseIn('DISPATCHED', { returnDeadline: new Date('2026-11-28T00:00:00+08:00') });
    expect(checkTransition('requestReturn', onTime, () => true, guard)).toEqual({ ok: true, to: 'RETURN_REQUESTED' });
    const exhausted = caseIn('SIGNED', { extensionCount: 3 });
    expect(checkTransition('requestExtension', exhausted, () => true, guard)).toMatchObject({ ok: false, reason: 'the case has had the maximum of 3 extensions' });
  });

  it('"SAME" and "PREVIOUS" targets resolve to the case\'s own or previous state', () => {
    expect(checkTransition('supervise', caseIn('SIGNED'), () => true, guard)).toEqual({ ok: true, to: 'SIGNED' });
    expect(checkTransition('rejectReturn', caseIn('RETURN_REQUESTED'), () => true, { ...guard, facts: { previousStatus: 'SIGNED' } })).toEqual({ ok: true, to: 'SIGNED' });
  });

  it('has a permission for every action', () => {
    for (const action of Object.keys(WORKFLOW) as WorkflowAction[]) expect(WORKFLOW[action].permission).toEqual(expect.any(String));
  });
});
