import { fromGlobalId } from '../../src/platform/graphql/ids';
import type { Principal } from '../../src/platform/identity/principal';
import type { GraphQLResponse, TestHub } from './hub';
import { as } from './principals';

/** Client operations of the lifecycle, as a frontend would send them. */
export const CASE_FIELDS = /* GraphQL */ `
  fragment CaseFields on Case {
    id number status disposition version dueAt overdue returnDeadline followUpDueAt provisionalDeadlines reopenCount sendBackCount extensionCount supervisionLevel closedAt closeReason
    leadUnit { id name kind } coUnits { id name }
    reply { result text }
    satisfaction
  }
`;

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterCaseInput!) { registerCase(input: $input) { ...CaseFields legalRoute explainReason emergencyLine answerText caller { maliciousListed } } }
  ${CASE_FIELDS}
`;

export function intake(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'PHONE',
    type: 'COMPLAINT',
    urgency: 'NORMAL',
    disposition: 'HANDLE',
    categoryCode: '0104',
    title: '夜间施工噪音扰民',
    description: '来电人反映离石区滨河街道龙凤南路某工地连续多日夜间22点后施工，噪音很大，诉求尽快制止。',
    region: '141102',
    township: '141102001',
    address: '吕梁市离石区滨河街道龙凤南路18号',
    caller: { name: '张三丰', phone: '13812345678', callbackConsent: true },
    ...overrides,
  };
}

export type Gql = <T = Record<string, any>>(query: string, variables: Record<string, unknown>, as: Principal, purpose?: string) => Promise<GraphQLResponse<T>>;

export function client(hub: TestHub): Gql {
  return (query, variables, principal, purpose) => hub.gql(query, { variables, as: principal, purpose: purpose as never });
}

/** The data of a response that must have succeeded (fails the test with the errors otherwise). */
export function ok<T = Record<string, any>>(res: GraphQLResponse<T>): T {
  if (res.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.body.errors)}`);
  return res.body.data as T;
}

export function errorOf(res: GraphQLResponse): { message: string; code: string; extensions: Record<string, any> } {
  const error = res.body.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(res.body.data)}`);
  return { message: error.message, code: String(error.extensions?.code), extensions: error.extensions ?? {} };
}

/** A handler of the unit that leads `c`. */
export function handlerOfLead(c: { leadUnit: { id: string } | null }): Principal {
  const unit = fromGlobalId('Unit', c.leadUnit!.id)!;
  return { sub: `hd-${unit.slice(0, 8)}`, role: 'HANDLER', unit, region: '141100' };
}

export const M = {
  dispatch: `mutation($id: ID!, $lead: ID, $co: [ID!], $v: Int) { dispatchCase(caseId: $id, leadUnitId: $lead, coUnitIds: $co, expectedVersion: $v) { ...CaseFields } } ${CASE_FIELDS}`,
  sign: `mutation($id: ID!, $v: Int) { signCase(caseId: $id, expectedVersion: $v) { ...CaseFields } } ${CASE_FIELDS}`,
  requestReturn: `mutation($id: ID!, $reason: ReturnReason!, $note: String!) { requestReturn(caseId: $id, reason: $reason, note: $note) { ...CaseFields } } ${CASE_FIELDS}`,
  reviewReturn: `mutation($id: ID!, $uphold: Boolean!, $lead: ID, $note: String) { reviewReturn(caseId: $id, uphold: $uphold, newLeadUnitId: $lead, note: $note) { ...CaseFields objections { reason decision } } } ${CASE_FIELDS}`,
  requestExtension: `mutation($id: ID!, $days: Int!, $note: String!) { requestExtension(caseId: $id, workingDays: $days, note: $note) { ...CaseFields } } ${CASE_FIELDS}`,
  reviewExtension: `mutation($id: ID!, $approve: Boolean!) { reviewExtension(caseId: $id, approve: $approve) { ...CaseFields extensions { workingDays decision previousDueAt newDueAt } } } ${CASE_FIELDS}`,
  reply: `mutation($id: ID!, $result: ReplyResult!, $text: String!) { replyCase(caseId: $id, input: { result: $result, text: $text }) { ...CaseFields } } ${CASE_FIELDS}`,
  reviewReply: `mutation($id: ID!, $accept: Boolean!, $note: String) { reviewReply(caseId: $id, accept: $accept, note: $note) { ...CaseFields } } ${CASE_FIELDS}`,
  followUp: `mutation($id: ID!, $input: FollowUpInput!) { recordFollowUp(caseId: $id, input: $input) { ...CaseFields followUps { reached satisfaction } supervisions { kind trigger } } } ${CASE_FIELDS}`,
  merge: `mutation($master: ID!, $ids: [ID!]!) { mergeCases(masterId: $master, caseIds: $ids) { ...CaseFields merged { id status master { id } } } } ${CASE_FIELDS}`,
  supervise: `mutation($id: ID!, $kind: SupervisionKind!, $note: String!) { superviseCase(caseId: $id, kind: $kind, note: $note) { ...CaseFields urgency supervisions { kind trigger note } } } ${CASE_FIELDS}`,
  reveal: `mutation($id: ID!, $reason: String!) { revealCallerContact(caseId: $id, reason: $reason) { name phone } }`,
  get: `query($id: ID!) { case(id: $id) { ...CaseFields urgency events { edges { node { action fromStatus toStatus actorId note } } } supervisions { kind trigger } } } ${CASE_FIELDS}`,
};

/** Registers a case as the demo operator and dispatches it by the catalog; returns the dispatched case. */
export async function registeredAndDispatched(gql: Gql, overrides: Record<string, unknown> = {}) {
  const registered = ok(await gql(REGISTER, { input: intake(overrides) }, as.OPERATOR, 'INTAKE')).registerCase;
  return ok(await gql(M.dispatch, { id: registered.id }, as.DISPATCHER)).dispatchCase;
}
