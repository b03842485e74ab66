import { randomBytes } from 'node:crypto';
import { partnerRegistry } from '../../../connectors/kit/partners';
import { generateSecret } from '../../../connectors/kit/signing';
import { PetitionSimulator } from '../../../connectors/petition/simulator';
import { startTestHub, type TestHub } from '../../support/hub';
import { client, handlerOfLead, M, ok, type Gql } from '../../support/lifecycle';
import { as } from '../../support/principals';

/** 信访转办: a referral from the petition bureau becomes a case; its handling is reported back, once per stage. */
describe('petition referrals (信访转办)', () => {
  let hub: TestHub;
  let gql: Gql;
  let petition: PetitionSimulator;

  beforeAll(async () => {
    const secrets = [generateSecret()];
    petition = new PetitionSimulator({ secrets, correlationSecret: randomBytes(32) });
    const url = await petition.start();
    hub = await startTestHub({ partners: partnerRegistry({ petition: { url, secrets, timeoutMs: 1_000 } }) });
    petition.hubWebhookUrl = `${hub.url}/partners/petition/webhook`;
    gql = client(hub);
  });
  afterAll(async () => {
    await hub?.stop();
    await petition?.stop();
  });

  /** Drives the outboxes, moving the clock past retry delays, until the petition system has `reports` reports. */
  async function settle(reports: number): Promise<void> {
    for (let i = 0; i < 20 && petition.reports.length < reports; i++) {
      await hub.drainOutboxes();
      if (petition.reports.length >= reports) return;
      hub.clock.advance(10 * 60_000);
    }
    await hub.drainOutboxes();
  }

  it('a referral becomes a PETITION_REFERRAL case; handling is reported as it moves, through a petition system that fails at first', async () => {
    const referral = {
      petitionRef: 'XF1411002026009001',
      region: '141102',
      township: '141102001',
      category: 'XF-CXJS',
      hubCategoryCode: '0101',
      title: '小区物业不作为',
      description: '信访人反映离石区滨河街道某小区物业长期不清运垃圾，多次反映无果，转 12345 办理。',
      address: '吕梁市离石区滨河街道某小区',
    };
    const sent = await petition.sendReferral(referral, { id: 'msg_ref_1' });
    expect(sent.status).toBe(200);
    // The bureau's retry of the same message, and the same referral under another message id: one case.
    expect((await petition.sendReferral(referral, { id: 'msg_ref_1' })).body).toMatchObject({ duplicate: true });
    expect((await petition.sendReferral(referral, { id: 'msg_ref_1_again' })).body).toMatchObject({ result: { duplicate: true } });
    petition.http.fail({ kind: 'status', status: 503 }, 2);
    await settle(1);
    expect(petition.reports).toEqual([expect.objectContaining({ petitionRef: referral.petitionRef, handling: 'SL' })]);
    const number = petition.reports[0]!.caseNumber;
    const c = ok(await gql(`query($n: String!) { caseByNumber(number: $n) { id channel status petitionReferral { petitionRef status } linkedMatters { system reference relation } } }`, { n: number }, as.DISPATCHER)).caseByNumber;
    expect(c).toMatchObject({ channel: 'PETITION_REFERRAL', status: 'PENDING_DISPATCH', petitionReferral: { petitionRef: referral.petitionRef, status: 'REPORTED' } });
    expect(c.linkedMatters).toEqual([{ system: 'PETITION', reference: referral.petitionRef, relation: 'ORIGIN' }]);

    const dispatched = ok(await gql(M.dispatch, { id: c.id }, as.DISPATCHER)).dispatchCase;
    await settle(1);
    expect(petition.reports).toHaveLength(1); // dispatching is still 受理 (SL): nothing new to report
    ok(await gql(M.sign, { id: c.id }, handlerOfLead(dispatched), 'HANDLING'));
    await settle(2);
    ok(await gql(M.reply, { id: c.id, result: 'RESOLVED', text: '已督促物业清运垃圾并建立日常保洁制度。' }, handlerOfLead(dispatched), 'HANDLING'));
    await settle(3);
    expect(petition.reports.map((r) => r.handling)).toEqual(['SL', 'BL', 'DF']);
    expect(new Set(petition.reports.map((r) => r.caseNumber))).toEqual(new Set([number]));
  });

  it('a referral naming no category the hub knows is refused with the field, and nothing is created', async () => {
    const refused = await petition.sendReferral({ petitionRef: 'XF1411002026009002', region: '141102', category: 'XF-QT', title: '其他', description: '信访人反映其他事项，转 12345 办理。' });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('category');
  });

  it('an unknown petition category is refused with the field even when hubCategoryCode is given, and nothing is stored', async () => {
    const refused = await petition.sendReferral({ petitionRef: 'XF1411002026009003', region: '141102', category: 'XF-NOSUCH', hubCategoryCode: '0101', title: '物业', description: '信访人反映小区物业问题，转 12345 办理。' });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('category');
    expect(JSON.stringify(refused.body)).toContain('XF-NOSUCH');
    const rows = await hub.orms.petition.em.getConnection().execute("select 1 from petition.referral where petition_ref = 'XF1411002026009003'");
    expect(rows).toEqual([]);
  });
});
