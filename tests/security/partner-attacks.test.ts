import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { partnerRegistry } from '../../connectors/kit/partners';
import { generateSecret } from '../../connectors/kit/signing';
import { PetitionSimulator } from '../../connectors/petition/simulator';
import { SupervisionSimulator } from '../../connectors/supervision/simulator';
import { fromGlobalId } from '../../src/platform/graphql/ids';
import type { Principal } from '../../src/platform/identity/principal';
import { startTestHub, type TestHub } from '../support/hub';
import { client, intake, ok, REGISTER, type Gql } from '../support/lifecycle';
import { as } from '../support/principals';

/**
 * Issue 14's four symptoms, as the people who found them acted: with the tokens `npm start` prints,
 * and with signed partner messages. Each of these requests succeeded against the hub before the fix.
 */
const TAIYUAN_OPERATOR: Principal = { sub: 'op-ty', role: 'OPERATOR', region: '140100' };
const LVLIANG_110: Principal = as.PARTNER_SYSTEM;
const TAIYUAN_110: Principal = { sub: 'ps-police110-ty', role: 'PARTNER_SYSTEM', partner: 'police110', region: '140100' };
const LVLIANG_PETITION: Principal = as.PARTNER_AGENCY;
const TAIYUAN_PETITION: Principal = { sub: 'pa-petition-ty', role: 'PARTNER_AGENCY', partner: 'petition', region: '140100' };
const LVLIANG_SUPERVISION: Principal = { sub: 'pa-duchashi-ll', role: 'PARTNER_AGENCY', partner: 'supervision', region: '141100' };

const READ = /* GraphQL */ `query($n: String!) { caseByNumber(number: $n) { number title description } }`;

describe('attacks from partners (issue 14 symptoms)', () => {
  let hub: TestHub;
  let gql: Gql;
  let petition: PetitionSimulator;
  let supervision: SupervisionSimulator;

  beforeAll(async () => {
    const petitionSecrets = [generateSecret()];
    const supervisionSecrets = [generateSecret()];
    petition = new PetitionSimulator({ secrets: petitionSecrets, correlationSecret: randomBytes(32) });
    supervision = new SupervisionSimulator({ secrets: supervisionSecrets });
    const petitionUrl = await petition.start();
    const supervisionUrl = await supervision.start();
    hub = await startTestHub({
      partners: partnerRegistry({
        petition: { url: petitionUrl, secrets: petitionSecrets, timeoutMs: 1_000 },
        supervision: { url: supervisionUrl, secrets: supervisionSecrets, timeoutMs: 1_000 },
      }),
    });
    petition.hubWebhookUrl = `${hub.url}/partners/petition/webhook`;
    supervision.hubWebhookUrl = `${hub.url}/partners/supervision/webhook`;
    gql = client(hub);
  });
  afterAll(async () => {
    await hub?.stop();
    await petition?.stop();
    await supervision?.stop();
  });

  /** The case a partner's matter became (by the partner's reference), with its history. */
  async function caseOf(reference: string): Promise<{ number: string; channel: string; events: { edges: { node: { action: string; details: string | null } }[] } }> {
    const cases = ok(await gql(`{ cases(filter: { region: "141100" }, first: 50) { edges { node { number channel linkedMatters { reference } events { edges { node { action details } } } } } } }`, {}, as.DISPATCHER)).cases.edges;
    const found = cases.map((e: { node: { linkedMatters: { reference: string }[] } }) => e.node).find((c: { linkedMatters: { reference: string }[] }) => c.linkedMatters.some((m) => m.reference === reference));
    if (!found) throw new Error(`no case was registered for ${reference}`);
    return found;
  }

  describe('a partner cannot make a case its own by citing its number', () => {
    it('a petition referral citing another city\'s case number: not linked, not shared, registered as a new matter', async () => {
      const victim = ok(await gql(REGISTER, { input: intake({ region: '140105', township: '140105001', address: '太原市小店区坞城街道某小区', title: '太原某小区噪音', description: '来电人反映小店区某工地夜间施工，严重影响休息，诉求制止。' }) }, TAIYUAN_OPERATOR, 'INTAKE')).registerCase;
      const sent = await petition.sendReferral({ petitionRef: 'XF-ATTACK-1', region: '141102', category: 'XF-CXJS', hubCategoryCode: '0104', title: '任意标题', description: '随便写几句描述文字。', caseNumber: victim.number });
      expect(sent.status).toBe(200);
      await hub.drainOutboxes();
      // Neither city's petition bureau reads the case it cited; the case was not touched.
      for (const bureau of [LVLIANG_PETITION, TAIYUAN_PETITION]) {
        for (const purpose of [undefined, 'TRANSFER']) expect(ok(await gql(READ, { n: victim.number }, bureau, purpose)).caseByNumber).toBeNull();
      }
      const cited = ok(await gql(`query($n: String!) { caseByNumber(number: $n) { linkedMatters { reference } events { edges { node { action } } } } }`, { n: victim.number }, { ...as.DISPATCHER, region: '140100' })).caseByNumber;
      expect(cited.linkedMatters).toEqual([]);
      expect(cited.events.edges.map((e: { node: { action: string } }) => e.node.action)).not.toContain('linkPartnerMatter');
      // The referral became a matter of its own.
      const own = await caseOf('XF-ATTACK-1');
      expect(own).toMatchObject({ channel: 'PETITION_REFERRAL', number: expect.stringMatching(/^12345-141100-/) });
    });

    it('a petition referral citing a case of its own city that is not shared with it: a new matter, the cited case named for a dispatcher only', async () => {
      const victim = ok(await gql(REGISTER, { input: intake() }, as.OPERATOR, 'INTAKE')).registerCase;
      const sent = await petition.sendReferral({ petitionRef: 'XF-ATTACK-2', region: '141102', category: 'XF-CXJS', hubCategoryCode: '0104', title: '夜间施工噪音扰民', description: '信访人反映龙凤南路工地夜间施工噪音扰民。', caseNumber: victim.number });
      expect(sent.status).toBe(200);
      await hub.drainOutboxes();
      for (const purpose of [undefined, 'TRANSFER']) expect(ok(await gql(READ, { n: victim.number }, LVLIANG_PETITION, purpose)).caseByNumber).toBeNull();
      const own = await caseOf('XF-ATTACK-2');
      expect(own.number).not.toBe(victim.number);
      expect(own.channel).toBe('PETITION_REFERRAL');
      const registration = own.events.edges.map((e) => e.node).find((n) => n.details?.includes('possibleDuplicateOf'));
      expect(JSON.parse(registration!.details!)).toMatchObject({ possibleDuplicateOf: victim.number, evidence: 'CITED_BY_PARTNER' });
      // The bureau reads its own referral's case, and only that.
      expect(ok(await gql(READ, { n: own.number }, LVLIANG_PETITION, 'TRANSFER')).caseByNumber).toMatchObject({ number: own.number, description: '信访人反映龙凤南路工地夜间施工噪音扰民。' });
    });

    it('a supervision lead copying a case\'s words and citing its number: not linked, not shared', async () => {
      const victim = ok(await gql(REGISTER, { input: intake({ categoryCode: '0302', title: '消费纠纷投诉无人处理', description: '来电人反映在离石区某商场购买家电出现质量问题，多次投诉无人处理。' }) }, as.OPERATOR, 'INTAKE')).registerCase;
      const sent = await supervision.sendLead({ leadRef: 'DC-ATTACK-1', kind: 'BZW', priority: '2', region: '141102', categoryCode: '0302', title: '消费纠纷投诉无人处理', description: '来电人反映在离石区某商场购买家电出现质量问题，多次投诉无人处理。', caseNumber: victim.number });
      expect(sent.status).toBe(200);
      await hub.drainOutboxes();
      for (const purpose of [undefined, 'SUPERVISION']) expect(ok(await gql(READ, { n: victim.number }, LVLIANG_SUPERVISION, purpose)).caseByNumber).toBeNull();
      const cited = ok(await gql(`query($n: String!) { caseByNumber(number: $n) { linkedMatters { reference } } }`, { n: victim.number }, as.DISPATCHER)).caseByNumber;
      expect(cited.linkedMatters).toEqual([]);
      const own = await caseOf('DC-ATTACK-1');
      expect(own.channel).toBe('SUPERVISION_LEAD');
      expect(own.number).not.toBe(victim.number);
      const leads = ok(await gql(`{ supervisionLeads(first: 50) { leadRef linked caseNumber } }`, {}, LVLIANG_SUPERVISION, 'SUPERVISION')).supervisionLeads;
      expect(leads.find((l: { leadRef: string }) => l.leadRef === 'DC-ATTACK-1')).toEqual({ leadRef: 'DC-ATTACK-1', linked: false, caseNumber: own.number });
    });
  });

  describe('110 never reads a whistleblower\'s identity', () => {
    it('a confidential whistleblower transferred to 110: name and phone withheld, the flags withheld (caller null), never `false`', async () => {
      const c = ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110', categoryCode: null, caller: { name: '王举报', phone: '13700001111', confidential: true, whistleblower: true } }) }, as.OPERATOR, 'INTAKE')).registerCase;
      await hub.drainOutboxes();
      const res = await gql(`query($n: String!) { caseByNumber(number: $n) { number caller { name phone whistleblower confidential } } }`, { n: c.number }, LVLIANG_110, 'TRANSFER');
      expect(res.body.data!.caseByNumber).toEqual({ number: c.number, caller: null });
      expect(JSON.stringify(res.body)).not.toMatch(/王举报|13700001111/);
      expect((res.body.errors ?? []).map((e) => e.extensions?.code)).toEqual(expect.arrayContaining(['FORBIDDEN']));
      expect((res.body.errors ?? []).every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
      // Asked without the flags: the identity fields are null with FORBIDDEN on their paths.
      const contact = await gql(`query($n: String!) { caseByNumber(number: $n) { caller { name phone } } }`, { n: c.number }, LVLIANG_110, 'TRANSFER');
      expect(contact.body.data!.caseByNumber.caller).toEqual({ name: null, phone: null });
      expect((contact.body.errors ?? []).map((e) => e.path!.join('.')).sort()).toEqual(['caseByNumber.caller.name', 'caseByNumber.caller.phone']);
      // A whistleblower who is not confidential: the phone is withheld too (identity, not just the name).
      const w = ok(await gql(REGISTER, { input: intake({ disposition: 'TRANSFER_EMERGENCY', emergencyLine: 'POLICE_110', categoryCode: null, caller: { name: '李举报', phone: '13700002222', whistleblower: true } }) }, as.OPERATOR, 'INTAKE')).registerCase;
      await hub.drainOutboxes();
      const wb = await gql(`query($n: String!) { caseByNumber(number: $n) { caller { name phone } } }`, { n: w.number }, LVLIANG_110, 'TRANSFER');
      expect(wb.body.data!.caseByNumber.caller).toEqual({ name: null, phone: null });
    });
  });

  describe('partner accounts keep to their region', () => {
    it('a 吕梁 110 account lists no 太原 transfer, reads no 太原 case, and cannot give feedback on one', async () => {
      const tyTransfers = ok(await gql(`{ transfers(first: 100) { edges { node { id caseNumber } } } }`, {}, TAIYUAN_110, 'TRANSFER')).transfers.edges;
      expect(tyTransfers.length).toBeGreaterThan(0);
      expect(tyTransfers.every((e: { node: { caseNumber: string | null } }) => !e.node.caseNumber || e.node.caseNumber.startsWith('12345-140100-'))).toBe(true);
      const llTransfers = ok(await gql(`{ transfers(first: 100) { edges { node { id caseNumber } } } }`, {}, LVLIANG_110, 'TRANSFER')).transfers.edges;
      expect(llTransfers.length).toBeGreaterThan(0);
      expect(llTransfers.every((e: { node: { caseNumber: string | null } }) => !e.node.caseNumber || e.node.caseNumber.startsWith('12345-141100-'))).toBe(true);
      const foreign = tyTransfers.find((e: { node: { caseNumber: string | null } }) => e.node.caseNumber)!.node;
      expect(ok(await gql(`query($n: String!) { caseByNumber(number: $n) { number caller { phone } } }`, { n: foreign.caseNumber }, LVLIANG_110, 'TRANSFER')).caseByNumber).toBeNull();
      expect(ok(await gql(`query($id: ID!) { node(id: $id) { ... on Transfer { status caseNumber } } }`, { id: foreign.id }, LVLIANG_110, 'TRANSFER')).node).toBeNull();
      const feedback = await gql(`mutation($id: ID!) { submitTransferFeedback(id: $id, feedback: "已处置", final: true) { status } }`, { id: foreign.id }, LVLIANG_110, 'TRANSFER');
      expect(feedback.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const ack = await gql(`mutation($id: ID!) { acknowledgeTransfer(id: $id, accepted: false, reason: "非本辖区") { status } }`, { id: foreign.id }, LVLIANG_110, 'TRANSFER');
      expect(ack.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      // Nor can it hand over a matter of another city.
      const handOver = await gql(
        `mutation { receiveTransfer(input: { idempotencyKey: "ty-1", externalRef: "JJ-TY-1", region: "140105", address: "太原市小店区坞城街道", categoryCode: "0104", title: "噪音", description: "群众报警称工地夜间施工噪音扰民。" }) { id } }`,
        {},
        LVLIANG_110,
        'TRANSFER',
      );
      expect(handOver.body.errors?.[0]).toMatchObject({ message: 'input.region: 140105 is outside your region 141100', extensions: { code: 'BAD_USER_INPUT' } });
    });

    it('a regional role without a region is refused at the gateway, naming the claim', async () => {
      for (const principal of [
        { sub: 'p110-noregion', role: 'PARTNER_SYSTEM', partner: 'police110' },
        { sub: 'pa-noregion', role: 'PARTNER_AGENCY', partner: 'petition' },
        { sub: 'dp-noregion', role: 'DISPATCHER' },
        { sub: 'op-noregion', role: 'OPERATOR' },
        { sub: 'an-noregion', role: 'ANALYST' },
        { sub: 'co-noregion', role: 'CONTRACT_OPERATOR', vendor: 'v' },
      ] as Principal[]) {
        const res = await gql(`{ transfers(first: 1) { edges { node { id } } } }`, {}, principal);
        expect([principal.role, res.status, res.body.errors?.[0]?.extensions?.code]).toEqual([principal.role, 401, 'UNAUTHENTICATED']);
        expect(res.body.errors?.[0]?.message).toBe(`the token's "region" claim is required for a ${principal.role} token: the six-digit code of the city or province it serves`);
        expect(res.body.data ?? null).toBeNull();
      }
    });
  });

  describe('well-formed requests never end in INTERNAL_SERVER_ERROR', () => {
    it('PartnerTransfers as 110 when a transfer\'s case is outside its scope: that case is null, no error', async () => {
      // 110 hands a 双非 matter over; later the hub withdraws the case from 110 (here: by the
      // database, as an administrator would). 110 still lists its transfer; the case reads as missing.
      const sent = ok(await gql(
        `mutation { receiveTransfer(input: { idempotencyKey: "scope-1", externalRef: "JJ-SCOPE-1", region: "141102", address: "吕梁市离石区滨河街道龙凤南路18号", categoryCode: "0104", title: "夜间施工噪音扰民", description: "群众报警称工地夜间施工噪音扰民，属非警务类求助。", callerPhone: "13900001111" }) { id } }`,
        {},
        LVLIANG_110,
        'TRANSFER',
      )).receiveTransfer;
      await hub.drainOutboxes();
      const owner = new pg.Client({ connectionString: hub.databaseUrl });
      await owner.connect();
      try {
        const { rows } = await owner.query<{ case_id: string }>(`select case_id from exchange.transfer where id = $1`, [fromGlobalId('Transfer', sent.id)]);
        await owner.query(`update hotline."case" set shared_with = '{}' where id = $1`, [rows[0]!.case_id]);
        await owner.query(`update exchange.case_scope set shared_with = '{}' where case_id = $1`, [rows[0]!.case_id]);
      } finally {
        await owner.end();
      }
      const res = await hub.post({ query: PARTNER_TRANSFERS, variables: { first: 50 } }, { as: LVLIANG_110, headers: { 'x-purpose': 'TRANSFER' } });
      const edges = res.body.data!.transfers.edges as { node: { id: string } }[];
      const index = edges.findIndex((e) => e.node.id === sent.id);
      expect(edges[index]!.node).toMatchObject({ id: sent.id, case: null });
      // The only errors are withheld fields of other cases (the whistleblowers above): never an internal one, never on this transfer.
      expect((res.body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
      expect((res.body.errors ?? []).filter((e) => e.path?.[2] === index)).toEqual([]);
    });

    it('node(id:) and case(id:) with an id that does not decode: BAD_USER_INPUT naming the argument', async () => {
      for (const query of [`{ node(id: "xyz") { id } }`, `{ case(id: "xyz") { id } }`, `{ node(id: "Rm9vOjE=") { id } }`]) {
        const res = await gql(query, {}, as.DISPATCHER);
        expect([query, res.body.errors?.[0]?.extensions?.code]).toEqual([query, 'BAD_USER_INPUT']);
        expect(res.body.errors?.[0]?.message).toMatch(/^id: /);
      }
      const mutation = await gql(`mutation { signCase(caseId: "not-an-id") { id } }`, {}, as.HANDLER);
      expect(mutation.body.errors?.[0]).toMatchObject({ message: 'caseId: is not a Case id returned by this API', extensions: { code: 'BAD_USER_INPUT' } });
    });
  });
});

const PARTNER_TRANSFERS = /* GraphQL */ `
  query PartnerTransfers($first: Int) {
    transfers(first: $first) { edges { node { id partner direction status caseNumber case { number title address caller { name phone } } } } }
  }
`;
