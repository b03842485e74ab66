import { startTestHub, type TestHub } from '../support/hub';
import { as } from '../support/principals';

type Anomaly = { principalId: string; role: string; purpose: string | null; decisions: number; events: number; distinctSubjects: number; firstAt: string; lastAt: string };

const REPORT = /* GraphQL */ `
  query Anomalies($from: DateTime!, $to: DateTime!) {
    accessAnomalies(from: $from, to: $to) {
      from
      to
      thresholds { bulkReadThreshold denialThreshold workHours timeZone }
      bulkContactReads { principalId role purpose decisions events distinctSubjects firstAt lastAt }
      offHoursReads { principalId role purpose decisions events distinctSubjects firstAt lastAt }
      unjustifiedReads { principalId role purpose decisions events distinctSubjects firstAt lastAt }
      repeatedDenials { principalId role purpose decisions events distinctSubjects firstAt lastAt }
    }
  }
`;

/**
 * Issue 4, point 8: the unusual-access summary for data-security staff, with its thresholds from
 * configuration (here lowered so a few real reads through the gateway trip them).
 */
describe('the unusual-access report', () => {
  let hub: TestHub;
  const WEEK = { from: '2026-11-27T00:00:00+08:00', to: '2026-11-30T00:00:00+08:00' };
  const at = (local: string) => new Date(`${local}+08:00`).toISOString();

  async function report(window = WEEK) {
    const res = await hub.gql(REPORT, { as: as.AUDITOR, variables: window });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.accessAnomalies as Record<'bulkContactReads' | 'offHoursReads' | 'unjustifiedReads' | 'repeatedDenials', Anomaly[]> & {
      thresholds: Record<string, unknown>;
    };
  }

  async function read(query: string, who: (typeof as)[keyof typeof as], purpose?: 'SUPERVISION' | 'HANDLING' | 'INTAKE' | 'DISPATCH') {
    const res = await hub.gql(query, { as: who as never, purpose });
    expect(res.status).toBe(200);
    return res;
  }

  beforeAll(async () => {
    hub = await startTestHub({ env: { AUDIT_BULK_READ_THRESHOLD: '5', AUDIT_DENIAL_THRESHOLD: '4', AUDIT_WORK_HOURS: '08-20' } });
    // Friday 27 November, 10:00 China time.
    hub.clock.set('2026-11-27T10:00:00+08:00');
    // (a) a dispatcher reads the callers' names and phones of 8 cases, in clear (SUPERVISION);
    await read(`{ cases(first: 8) { edges { node { caller { name phone } } } } }`, as.DISPATCHER, 'SUPERVISION');
    // … a Taiyuan dispatcher browses 20 cases' phones masked: not a read of contact data;
    //     but it reads their descriptions in clear under DISPATCH, which does not justify it: (c);
    await read(`{ cases(first: 20) { edges { node { description caller { phone } } } } }`, as.taiyuanDispatcher, 'DISPATCH');
    // … and the first dispatcher reads a description without any purpose: (c);
    await read(`{ cases(first: 1) { edges { node { description } } } }`, as.DISPATCHER);
    // … the handler reads 3 of its cases' phones in working hours, under HANDLING: nothing unusual.
    await read(`{ cases(first: 3) { edges { node { caller { phone } } } } }`, as.HANDLER, 'HANDLING');
    // (b) the handler again at 22:30 on Friday, and an operator on Saturday morning;
    hub.clock.set('2026-11-27T22:30:00+08:00');
    await read(`{ cases(first: 2) { edges { node { caller { phone } } } } }`, as.HANDLER, 'HANDLING');
    hub.clock.set('2026-11-28T11:00:00+08:00');
    await read(`{ cases(first: 1) { edges { node { caller { name phone } } } } }`, as.OPERATOR, 'INTAKE');
    // (d) an analyst tries the access log four times, a dispatcher once.
    hub.clock.set('2026-11-28T15:00:00+08:00');
    for (let i = 0; i < 4; i++) await read(`{ accessEvents { edges { node { id } } } }`, as.ANALYST);
    await read(`{ verifyAuditChain { ok } }`, as.DISPATCHER);
  });
  afterAll(() => hub.stop());

  it('applies the configured thresholds and working hours', async () => {
    expect((await report()).thresholds).toEqual({ bulkReadThreshold: 5, denialThreshold: 4, workHours: '08-20', timeZone: 'Asia/Shanghai' });
  });

  it('(a) lists the principal who read more distinct callers\' contact data than the threshold, and no one else', async () => {
    expect((await report()).bulkContactReads).toEqual([
      {
        principalId: 'dp-zhaolei',
        role: 'DISPATCHER',
        purpose: null,
        decisions: 16,
        events: 8,
        distinctSubjects: 8,
        firstAt: at('2026-11-27T10:00:00'),
        lastAt: at('2026-11-27T10:00:00'),
      },
    ]);
  });

  it('(b) lists reads of personal data after hours and on the weekend, not those in working hours', async () => {
    const offHours = (await report()).offHoursReads;
    expect(offHours.map((a) => [a.principalId, a.decisions, a.distinctSubjects, a.firstAt])).toEqual([
      ['hd-sunli', 2, 2, at('2026-11-27T22:30:00')],
      ['op-wangfang', 2, 1, at('2026-11-28T11:00:00')],
    ]);
  });

  it('(c) lists reads without a purpose, or under one that does not justify personal data for the role', async () => {
    const unjustified = (await report()).unjustifiedReads;
    expect(unjustified.map((a) => [a.principalId, a.role, a.purpose, a.decisions, a.distinctSubjects])).toEqual([
      ['dp-ty', 'DISPATCHER', 'DISPATCH', 20, 20],
      ['dp-zhaolei', 'DISPATCHER', null, 1, 1],
    ]);
  });

  it('(d) lists principals with repeated denials from the threshold up', async () => {
    expect((await report()).repeatedDenials).toEqual([
      {
        principalId: 'an-zhouqiang',
        role: 'ANALYST',
        purpose: null,
        decisions: 4,
        events: 4,
        distinctSubjects: 1,
        firstAt: at('2026-11-28T15:00:00'),
        lastAt: at('2026-11-28T15:00:00'),
      },
    ]);
  });

  it('covers only its period', async () => {
    const saturday = await report({ from: '2026-11-28T00:00:00+08:00', to: '2026-11-29T00:00:00+08:00' });
    expect(saturday.bulkContactReads).toEqual([]);
    expect(saturday.unjustifiedReads).toEqual([]);
    expect(saturday.offHoursReads.map((a) => a.principalId)).toEqual(['op-wangfang']);
    expect(saturday.repeatedDenials.map((a) => a.principalId)).toEqual(['an-zhouqiang']);
    const before = await report({ from: '2026-11-20T00:00:00+08:00', to: '2026-11-27T00:00:00+08:00' });
    expect([before.bulkContactReads, before.offHoursReads, before.unjustifiedReads, before.repeatedDenials]).toEqual([[], [], [], []]);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await hub.gql(REPORT, { as: as.AUDITOR, variables: { from: WEEK.to, to: WEEK.from } });
    expect(res.body.errors?.[0]).toMatchObject({ message: 'to: must be after from', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
