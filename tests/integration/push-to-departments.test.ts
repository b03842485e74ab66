import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../../connectors/kit/signing';
import type { Principal } from '../../src/platform/identity/principal';
import { fromGlobalId } from '../../src/platform/graphql/ids';
import { startTestHub, type TestHub } from '../support/hub';
import { client, errorOf, handlerOfLead, intake, M, ok, REGISTER, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';
import { subscribeSse } from '../support/sse';

/**
 * Issue 8, point 5 — push to departments (66号 八): a unit subscribes to its new and changed cases
 * through a GraphQL subscription (SSE through the gateway) or a signed webhook, and receives
 * exactly what its own queries would show it. Risk warnings reach managers by subscription.
 */
describe('push to departments', () => {
  let hub: TestHub;
  let gql: Gql;
  beforeAll(async () => {
    hub = await startTestHub({ captureLogs: true });
    gql = client(hub);
  });
  afterAll(() => hub.stop());

  const audit = (sql: string, params: unknown[] = []) => hub.orms.audit.em.getConnection().execute(sql, params);
  const PUSHED_FIELDS = 'id number status category { code } caller { name phone } description leadUnit { id }';

  /** A subscription through the gateway, as `principal` with `purpose`. */
  const subscribe = async (query: string, principal: Principal, variables: Record<string, unknown> = {}, purpose = 'HANDLING') =>
    subscribeSse(`${hub.url}/graphql`, { query, variables }, { 'x-purpose': purpose, authorization: `Bearer ${await hub.token(principal)}` });

  const CHANGES = `subscription($cats: [String!]) { caseChanges(categoryCodes: $cats) { kind action case { ${PUSHED_FIELDS} } } }`;

  describe('subscription', () => {
    it('a unit hears of its own cases only, read with its own field policy and audited', async () => {
      // Two cases the catalog sends to two different units.
      const noise = ok(await gql(REGISTER, { input: intake() }, as.OPERATOR, 'INTAKE')).registerCase;
      const water = ok(await gql(REGISTER, { input: intake({ categoryCode: '0801', title: '停水', description: '离石区滨河街道停水一天了，诉求尽快恢复供水。' }) }, as.OPERATOR, 'INTAKE')).registerCase;
      const noiseLead = ok(await gql(M.dispatch, { id: noise.id }, as.DISPATCHER)).dispatchCase;
      const unitA = handlerOfLead(noiseLead);

      const events = await subscribe(CHANGES, unitA);
      try {
        expect(await events.next()).toEqual({ data: { caseChanges: { kind: 'SUBSCRIBED', action: null, case: null } } });
        // A change of another unit's case first, then one of A's: A's first event is its own case.
        const waterLead = ok(await gql(M.dispatch, { id: water.id }, as.DISPATCHER)).dispatchCase;
        expect(waterLead.leadUnit.id).not.toBe(noiseLead.leadUnit.id);
        ok(await gql(M.sign, { id: noise.id }, unitA));
        const event = (await events.next()).data.caseChanges;
        expect(event).toMatchObject({ kind: 'CHANGED', action: 'sign', case: { id: noise.id, status: 'SIGNED' } });
        // Exactly what A's own query shows: the same fields, the same masking.
        const queried = ok(await gql(`query($id: ID!) { case(id: $id) { ${PUSHED_FIELDS} } }`, { id: noise.id }, unitA, 'HANDLING')).case;
        expect(event.case).toEqual(queried);
        expect(event.case.caller.phone).toBe('13812345678');
      } finally {
        await events.close();
      }
      // The event's read is in the access log like the query's: one record each, by A.
      const reads = (await audit(`select count(*)::int as n from audit.access_event where principal_id = ? and subject_id = ? and subject_type = 'Case'`, [unitA.sub, fromGlobalId('Case', noise.id)])) as { n: number }[];
      expect(reads[0]!.n).toBeGreaterThanOrEqual(2);
    });

    it('a category filter narrows the events, and a principal who may read no case is refused', async () => {
      const created = await registeredAndSigned();
      const unit = handlerOfLead(created);
      const events = await subscribe(CHANGES, unit, { cats: ['0999'] });
      const own = await subscribe(CHANGES, unit, { cats: ['0104'] });
      try {
        expect((await events.next()).data.caseChanges.kind).toBe('SUBSCRIBED');
        expect((await own.next()).data.caseChanges.kind).toBe('SUBSCRIBED');
        ok(await gql(M.reply, { id: created.id, result: 'RESOLVED', text: '已责令工地停止夜间施工。' }, unit));
        expect((await own.next()).data.caseChanges).toMatchObject({ kind: 'CHANGED', action: 'reply', case: { id: created.id } });
      } finally {
        await events.close();
        await own.close();
      }
      const refused = await subscribe(CHANGES, as.AUDITOR, {}, 'AUDIT');
      try {
        const first = await refused.next();
        expect(first.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(first.data ?? null).toBeNull();
      } finally {
        await refused.close();
      }
    });
  });

  async function registeredAndSigned() {
    const registered = ok(await gql(REGISTER, { input: intake() }, as.OPERATOR, 'INTAKE')).registerCase;
    const dispatched = ok(await gql(M.dispatch, { id: registered.id }, as.DISPATCHER)).dispatchCase;
    return ok(await gql(M.sign, { id: dispatched.id }, handlerOfLead(dispatched))).signCase;
  }

  describe('signed webhook', () => {
    type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };
    const received: Received[] = [];
    let answers: { status: number; headers?: Record<string, string> }[] = [];
    let server: http.Server;
    let base: string;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          received.push({ path: req.url ?? '', headers: req.headers, body });
          const answer = answers.shift() ?? { status: 204 };
          res.writeHead(answer.status, answer.headers ?? {});
          res.end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const REGISTER_HOOK = `mutation($input: CaseWebhookInput!) { registerCaseWebhook(input: $input) { secret webhook { id url categoryCodes disabledAt } } }`;

    it('refuses bad registrations, naming the field', async () => {
      const unit = handlerOfLead(await registeredAndSigned());
      expect(errorOf(await gql(REGISTER_HOOK, { input: { url: 'ftp://example.org/x' } }, unit)).extensions.field).toBe('url');
      expect(errorOf(await gql(REGISTER_HOOK, { input: { url: 'https://user:pw@example.org/x' } }, unit)).extensions.field).toBe('url');
      expect(errorOf(await gql(REGISTER_HOOK, { input: { url: `${base}/x`, categoryCodes: ['0104', 'nope'] } }, unit)).extensions.field).toBe('categoryCodes[1]');
      expect(errorOf(await gql(REGISTER_HOOK, { input: { url: `${base}/x`, regionCode: '999999' } }, unit)).extensions.field).toBe('regionCode');
      expect(errorOf(await gql(REGISTER_HOOK, { input: { url: `${base}/x` } }, as.DISPATCHER)).code).toBe('FORBIDDEN');
    });

    it("pushes the unit's changed cases, signed, rendered as the unit, retried on 503 and stopped by 410", async () => {
      const first = await registeredAndSigned();
      const unit = handlerOfLead(first);
      await hub.drainOutboxes(); // earlier changes are not this subscription's
      const hook = ok(await gql(REGISTER_HOOK, { input: { url: `${base}/noise`, categoryCodes: ['0104'] } }, unit)).registerCaseWebhook;
      const other = ok(await gql(REGISTER_HOOK, { input: { url: `${base}/water`, categoryCodes: ['0801'] } }, unit)).registerCaseWebhook;
      expect(hook.secret).toMatch(/^whsec_/);
      // Another unit does not see these subscriptions.
      expect(ok(await gql('{ caseWebhooks { id } }', {}, { sub: 'hd-other', role: 'HANDLER', unit: '00000000-0000-4000-8000-000000000000', region: '141100' })).caseWebhooks).toEqual([]);

      received.length = 0;
      answers = [{ status: 503, headers: { 'retry-after': '30' } }];
      ok(await gql(M.reply, { id: first.id, result: 'RESOLVED', text: '已责令工地停止夜间施工。' }, unit));
      await hub.drainOutboxes();
      expect(received.map((r) => r.path)).toEqual(['/noise']); // refused once; the water subscription heard nothing
      await hub.drainOutboxes();
      expect(received).toHaveLength(1); // Retry-After: not before 30 s
      hub.clock.advance(31_000);
      await hub.drainOutboxes();
      expect(received.map((r) => r.path)).toEqual(['/noise', '/noise']);
      const [refused, delivered] = received as [Received, Received];
      expect(delivered.headers['webhook-id']).toBe(refused.headers['webhook-id']); // the receiver's idempotency key
      const check = verify([hook.secret], delivered.headers as Record<string, string>, delivered.body, hub.clock.now());
      expect(check.ok).toBe(true);
      expect(verify([other.secret], delivered.headers as Record<string, string>, delivered.body, hub.clock.now())).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
      const pushed = JSON.parse(delivered.body);
      expect(pushed).toMatchObject({ type: 'case.changed', action: 'reply', data: { case: { id: first.id, status: 'REPLIED' } } });
      // Rendered with the unit's own policy: what the unit's query shows, masking included.
      const queried = ok(await gql(`query($id: ID!) { case(id: $id) { caller { name phone anonymous confidential } description } }`, { id: first.id }, unit, 'HANDLING')).case;
      expect(pushed.data.case.caller).toEqual(queried.caller);
      expect(pushed.data.case.description).toBe(queried.description);
      // …and audited under the subscription's own identity.
      const webhookId = fromGlobalId('CaseWebhook', hook.webhook.id);
      const reads = (await audit(`select role, unit, purpose, operation from audit.access_event where principal_id = ? and subject_id = ?`, [`webhook:${webhookId}`, fromGlobalId('Case', first.id)])) as Record<string, string>[];
      expect(reads.length).toBeGreaterThanOrEqual(1);
      expect(reads[0]).toMatchObject({ role: 'HANDLER', unit: unit.unit, purpose: 'HANDLING', operation: 'CasePush' });

      // 410 Gone: the subscription is disabled, and nothing more is sent to it.
      received.length = 0;
      answers = [{ status: 410 }];
      ok(await gql(M.reviewReply, { id: first.id, accept: true }, as.DISPATCHER));
      await hub.drainOutboxes();
      expect(received).toHaveLength(1);
      const listed = ok(await gql('{ caseWebhooks { id url disabledAt disabledReason } }', {}, unit)).caseWebhooks;
      expect(listed.find((w: { id: string }) => w.id === hook.webhook.id)).toMatchObject({ disabledReason: 'the endpoint answered 410 Gone' });
      expect(hub.logs.some((l) => String(l.msg).includes('ALERT: push subscription disabled'))).toBe(true);
      expect(JSON.stringify(hub.logs)).not.toContain('13812345678'); // no personal data in the logs
      const again = await registeredAndSigned(); // same category, same unit: the disabled subscription hears nothing
      expect(again.leadUnit.id).toBe(first.leadUnit.id);
      await hub.drainOutboxes();
      expect(received).toHaveLength(1);
    });

    it('a rotated secret signs with both secrets until the next rotation', async () => {
      const created = await registeredAndSigned();
      const unit = handlerOfLead(created);
      const hook = ok(await gql(REGISTER_HOOK, { input: { url: `${base}/rotation` } }, unit)).registerCaseWebhook;
      const rotated = ok(await gql(`mutation($id: ID!) { rotateCaseWebhookSecret(id: $id) { secret webhook { rotating } } }`, { id: hook.webhook.id }, unit)).rotateCaseWebhookSecret;
      expect(rotated.webhook.rotating).toBe(true);
      received.length = 0;
      ok(await gql(M.reply, { id: created.id, result: 'RESOLVED', text: '已责令工地停止夜间施工。' }, unit));
      await hub.drainOutboxes();
      const push = received.find((r) => r.path === '/rotation')!;
      expect(verify([hook.secret], push.headers as Record<string, string>, push.body, hub.clock.now()).ok).toBe(true);
      expect(verify([rotated.secret], push.headers as Record<string, string>, push.body, hub.clock.now()).ok).toBe(true);
      expect(ok(await gql(`mutation($id: ID!) { removeCaseWebhook(id: $id) }`, { id: hook.webhook.id }, unit)).removeCaseWebhook).toBe(true);
      expect(errorOf(await gql(`mutation($id: ID!) { removeCaseWebhook(id: $id) }`, { id: hook.webhook.id }, unit)).code).toBe('NOT_FOUND');
    });
  });

  describe('risk warnings', () => {
    it('managers receive each new warning of their region by subscription', async () => {
      const events = await subscribe('subscription { riskWarningRaised { kind warning { id rule level } } }', as.DISPATCHER, {}, 'SUPERVISION');
      try {
        expect((await events.next()).data.riskWarningRaised.kind).toBe('SUBSCRIBED');
        const { raised } = await hub.evaluateRisk();
        expect(raised.length).toBeGreaterThan(0);
        // The warnings of the dispatcher's city (吕梁市), each heard once.
        const ids = new Set(raised.filter((w) => (w as { regionPath: string[] }).regionPath.includes('141100')).map((w) => (w as { id: string }).id));
        expect(ids.size).toBeGreaterThan(0);
        const heard: string[] = [];
        for (let i = 0; i < ids.size; i++) {
          const event = (await events.next()).data.riskWarningRaised;
          expect(event.kind).toBe('RAISED');
          heard.push(fromGlobalId('RiskWarning', event.warning.id)!);
        }
        expect(new Set(heard)).toEqual(ids);
      } finally {
        await events.close();
      }
    });
  });
});
