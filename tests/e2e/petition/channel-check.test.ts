import { randomBytes } from 'node:crypto';
import { partnerRegistry } from '../../../connectors/kit/partners';
import { generateSecret } from '../../../connectors/kit/signing';
import { PetitionSimulator } from '../../../connectors/petition/simulator';
import { startTestHub, type TestHub } from '../../support/hub';
import { client, errorOf, intake, ok, REGISTER, type Gql } from '../../support/lifecycle';
import { as } from '../../support/principals';

const PHONE = '13912340000';
const ID_NUMBER = '141102198001010013';

const CASE = /* GraphQL */ `
  query($id: ID!) { case(id: $id) { id number status disposition legalRoute
    petitionMatches { petitionRef agency status acceptedAt }
    petitionChecks { outcome matches { petitionRef } } } }
`;

/**
 * 66号 (二) and (五): at intake the hub asks the petition system, by correlation key only, whether the
 * caller's matter is already in the petition channel; a match makes the disposition
 * INFORM_LEGAL_ROUTE (ALREADY_IN_PETITION) and shows the petition on the case.
 */
describe('petition channel check (信访渠道核查)', () => {
  let hub: TestHub;
  let gql: Gql;
  let petition: PetitionSimulator;
  let petitionRef: string;

  beforeAll(async () => {
    const secrets = [generateSecret()];
    const correlationSecret = randomBytes(32);
    petition = new PetitionSimulator({ secrets, correlationSecret });
    const url = await petition.start();
    hub = await startTestHub({
      partners: partnerRegistry({ petition: { url, secrets, timeoutMs: 1_000 } }),
      env: { PETITION_CORRELATION_SECRET: correlationSecret.toString('base64') },
    });
    gql = client(hub);
    petition.addPetition({ phone: PHONE, idNumber: ID_NUMBER, region: '141102', categoryCode: '0105', acceptedAt: new Date('2026-10-15T01:00:00Z'), petitionRef: 'XF1411002026001234' });
    petitionRef = 'XF1411002026001234';
  });
  afterAll(async () => {
    await hub?.stop();
    await petition?.stop();
  });

  const register = async (overrides: Record<string, unknown>) => ok(await gql(REGISTER, { input: intake(overrides) }, as.OPERATOR, 'INTAKE')).registerCase;

  it('a caller already in the petition channel: the disposition becomes INFORM_LEGAL_ROUTE and the case shows the petition', async () => {
    const c = await register({ categoryCode: '0105', title: '房屋征收补偿不到位', description: '来电人反映其房屋征收补偿款至今未到位，要求尽快解决。', caller: { name: '李四', phone: '+86 139-1234-0000' } });
    expect(c).toMatchObject({ status: 'INFORMED_LEGAL_ROUTE', disposition: 'INFORM_LEGAL_ROUTE', legalRoute: 'ALREADY_IN_PETITION', leadUnit: null });
    await hub.drainOutboxes();
    const shown = ok(await gql(CASE, { id: c.id }, as.OPERATOR, 'INTAKE')).case;
    expect(shown.petitionMatches).toEqual([{ petitionRef, agency: '141102 信访局', status: 'IN_PROGRESS', acceptedAt: '2026-10-15T01:00:00.000Z' }]);
    expect(shown.petitionChecks).toEqual([{ outcome: 'MATCHED', matches: [{ petitionRef }] }]);
    // That a caller is in the petition channel is personal data: the read is in the access log.
    const events = ok(await gql(`query($id: ID!) { accessEvents(filter: { caseId: $id, field: "petitionMatches" }) { edges { node { principalId fields { path decision } } } } }`, { id: c.id }, as.AUDITOR, 'AUDIT')).accessEvents.edges;
    expect(events.map((e: { node: unknown }) => e.node)).toContainEqual({ principalId: as.OPERATOR.sub, fields: expect.arrayContaining([{ path: 'petitionMatches', decision: 'ALLOWED' }]) });
  });

  it('what the petition system received carries keyed hashes, the city, the category and the window — never the phone or ID number', async () => {
    await register({ categoryCode: '0105', title: '征收补偿问题', description: '来电人反映房屋征收补偿标准不合理，要求重新评估。', caller: { name: '李四', phone: PHONE, idNumber: ID_NUMBER } });
    const received = petition.http.messages('correlation.match');
    expect(received.length).toBeGreaterThanOrEqual(2);
    for (const request of received) {
      expect(request.signatureOk).toBe(true);
      expect(request.body).not.toContain(PHONE);
      expect(request.body).not.toContain(ID_NUMBER);
      expect(request.body).not.toContain(PHONE.slice(3));
      expect(request.data).toMatchObject({ region: '141100', category: 'XF-CXJS', keys: { phone: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    }
    expect((received.at(-1)!.data as { keys: { idNumber?: string } }).keys.idNumber).toMatch(/^[0-9a-f]{64}$/);
  });

  it('another caller, or the same caller about another category, is accepted as usual', async () => {
    const stranger = await register({ caller: { name: '王五', phone: '13700001111' } });
    expect(stranger).toMatchObject({ status: 'PENDING_DISPATCH', disposition: 'HANDLE' });
    const otherMatter = await register({ categoryCode: '0801', title: '小区停水', description: '来电人反映小区从早上开始停水，要求尽快恢复供水。', caller: { name: '李四', phone: PHONE } });
    expect(otherMatter.status).toBe('PENDING_DISPATCH');
    await hub.drainOutboxes();
    const shown = ok(await gql(CASE, { id: stranger.id }, as.OPERATOR, 'INTAKE')).case;
    expect(shown).toMatchObject({ petitionMatches: [], petitionChecks: [{ outcome: 'NO_MATCH', matches: [] }] });
  });

  it('the petition system down or silent: intake goes on with HANDLE, and the check says it was not made', async () => {
    petition.http.fail({ kind: 'status', status: 503 });
    const down = await register({ categoryCode: '0105', caller: { name: '李四', phone: PHONE } });
    petition.http.fail({ kind: 'hang' });
    const silent = await register({ categoryCode: '0105', caller: { name: '李四', phone: PHONE } });
    petition.http.heal();
    for (const c of [down, silent]) expect(c).toMatchObject({ status: 'PENDING_DISPATCH', disposition: 'HANDLE' });
    await hub.drainOutboxes();
    for (const c of [down, silent]) {
      expect(ok(await gql(CASE, { id: c.id }, as.DISPATCHER)).case).toMatchObject({ petitionMatches: [], petitionChecks: [{ outcome: 'UNAVAILABLE', matches: [] }] });
    }
  });

  it('the petition bureau sees the cases shared with it, with the minimum fields; not the caller, not other cases', async () => {
    const matched = await register({ categoryCode: '0105', title: '征收补偿', description: '来电人再次反映房屋征收补偿问题，要求给说法。', caller: { name: '李四', phone: PHONE } });
    const unshared = await register({ caller: { name: '赵六', phone: '13700002222' } });
    await hub.drainOutboxes();
    const seen = await gql(`query($id: ID!) { case(id: $id) { number status description petitionMatches { petitionRef } caller { name phone } } }`, { id: matched.id }, as.PARTNER_AGENCY, 'TRANSFER');
    expect(seen.body.data?.case).toMatchObject({ number: matched.number, status: 'INFORMED_LEGAL_ROUTE', petitionMatches: [{ petitionRef }], caller: null });
    expect(errorOf(seen)).toMatchObject({ code: 'FORBIDDEN' });
    const hidden = ok(await gql(`query($id: ID!) { case(id: $id) { number petitionMatches { petitionRef } } }`, { id: unshared.id }, as.PARTNER_AGENCY, 'TRANSFER'));
    expect(hidden.case).toBeNull();
  });
});
