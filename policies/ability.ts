import { AbilityBuilder, createMongoAbility, subject as caslSubject, type MongoAbility, type MongoQuery } from '@casl/ability';
import type { Principal, Purpose } from '../src/platform/identity/principal';
import { AGREEMENT_FIELDS } from './agreements';
import { fieldsOf } from './fields';
import { CLEAR_PERSONAL_DATA, CLEAR_SENSITIVE_DATA, justifies } from './purposes';

/** Bumped whenever a rule changes; recorded with every access event. */
export const POLICY_VERSION = '2026.12-1';

export type Action =
  | 'read'
  | 'readMasked'
  | 'create'
  | 'dispatch'
  | 'sign'
  | 'requestReturn'
  | 'reviewReturn'
  | 'requestExtension'
  | 'reviewExtension'
  | 'reply'
  | 'reviewReply'
  | 'followUp'
  | 'merge'
  | 'supervise'
  | 'reveal'
  | 'callback'
  | 'export'
  | 'transfer'
  | 'receiveTransfer'
  | 'acknowledgeTransfer'
  | 'feedbackTransfer'
  | 'redrive'
  | 'verify'
  | 'acknowledge'
  | 'disable'
  | 'manage'
  /** Find a case's reference (id, number) by its caller's phone or its number, without reading it (auditors). */
  | 'locate';

export type SubjectName =
  | 'Case'
  | 'Unit'
  | 'Category'
  | 'CatalogEntry'
  | 'KnowledgeItem'
  | 'MissedCall'
  | 'Transfer'
  /** A partner system's record about a case: petition checks and referrals, supervision leads, utility orders. */
  | 'PartnerMatter'
  /** A planned or current utility outage (public information for staff of the region). */
  | 'Outage'
  | 'AccessEvent'
  | 'ExchangeRecord'
  | 'PartnerEndpoint'
  | 'CaseStats'
  | 'Calendar'
  /** The hotline's settings (time limits, thresholds, weights): configuration only. */
  | 'Setting'
  | 'Hotspot'
  | 'RiskWarning'
  | 'PreparednessPlan'
  | 'IntakeModel'
  | 'CaseWebhook';

export type AppAbility = MongoAbility<[Action, SubjectName | TaggedRecord], MongoQuery>;
type TaggedRecord = Record<string, unknown> & { __caslSubjectType__?: SubjectName };

export type PolicySettings = {
  /** How long after intake a third-party operator still sees the caller's contact (the call). */
  contractCallWindowMinutes: number;
};

export const DEFAULT_POLICY_SETTINGS: PolicySettings = { contractCallWindowMinutes: 30 };

/** Tags a record with its subject type for CASL's condition and field checks. */
export function asSubject<T extends object>(type: SubjectName, record: T): T & TaggedRecord {
  return caslSubject(type, record as T & Record<PropertyKey, unknown>) as T & TaggedRecord;
}

const CONTACT = ['caller.name', 'caller.phone', 'caller.idNumber', 'caller.enterpriseCode'];
const IDENTITY = CONTACT;

/**
 * One ability per request, from the verified principal and the purpose of use (issue 4).
 * docs/domain.md "Who uses the hub" is the specification; each block below is one row of that table.
 * Rules only grant: a role without a rule for an action gets nothing, and a row filter built from
 * no rules is "deny all" (filters.ts), never "no filter".
 */
export function defineAbilityFor(
  principal: Principal,
  purpose: Purpose | undefined,
  context: { now: Date; settings?: PolicySettings },
): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const settings = context.settings ?? DEFAULT_POLICY_SETTINGS;
  const role = principal.role;
  const clearPersonal = justifies(CLEAR_PERSONAL_DATA, role, purpose);
  const clearSensitive = justifies(CLEAR_SENSITIVE_DATA, role, purpose);
  const nonPersonal = fieldsOf('Case', ['public', 'internal']);
  const personal = fieldsOf('Case', ['personal']);
  const sensitive = fieldsOf('Case', ['sensitive']);
  const missedCall = fieldsOf('MissedCall', ['public', 'internal']);
  const missedCallPhone = fieldsOf('MissedCall', ['personal']);
  /** City tenants see their own region; a province account sees its cities (regionPath holds every ancestor). */
  const inRegion = principal.region ? { regionPath: principal.region } : undefined;

  // Reference data every signed-in principal may read: the administrative map, units, categories.
  can('read', ['Unit', 'Category']);

  switch (role) {
    case 'OPERATOR': {
      if (!inRegion) break;
      can('read', 'Case', nonPersonal, inRegion);
      if (clearPersonal) can('read', 'Case', clearSensitive ? [...personal, ...sensitive] : personal, inRegion);
      can('readMasked', 'Case', [...personal, ...sensitive], inRegion);
      can('create', 'Case');
      can(['followUp', 'callback', 'transfer'], 'Case', inRegion);
      can('read', ['KnowledgeItem', 'CatalogEntry']);
      can('read', 'MissedCall', missedCall);
      if (clearPersonal) can('read', 'MissedCall', missedCallPhone);
      can('readMasked', 'MissedCall', missedCallPhone);
      can('callback', 'MissedCall');
      can('read', ['Transfer', 'PartnerMatter', 'Outage'], inRegion);
      break;
    }
    case 'CONTRACT_OPERATOR': {
      // 66号 (三): core handling is never outsourced. Intake, knowledge answers, callbacks and
      // follow-up only, within the vendor's own tenant; contact data masked once the call is over.
      const own = { vendor: principal.vendor };
      const duringCall = {
        ...own,
        intakeBy: principal.sub,
        createdAt: { $gte: new Date(context.now.getTime() - settings.contractCallWindowMinutes * 60_000) },
      };
      can('read', 'Case', nonPersonal, own);
      if (clearPersonal) can('read', 'Case', [...personal, ...sensitive], duringCall);
      can('readMasked', 'Case', [...personal, ...sensitive], own);
      can('create', 'Case');
      can(['followUp', 'callback'], 'Case', own);
      can('read', 'KnowledgeItem');
      can('read', 'MissedCall', missedCall, own);
      if (clearPersonal) can('read', 'MissedCall', missedCallPhone, own);
      can('readMasked', 'MissedCall', missedCallPhone, own);
      can('callback', 'MissedCall', own);
      // Outages are what a call-taker answers callers from; they hold no personal data.
      if (inRegion) can('read', 'Outage', inRegion);
      break;
    }
    case 'DISPATCHER': {
      if (!inRegion) break;
      can('read', 'Case', nonPersonal, inRegion);
      if (clearPersonal) can('read', 'Case', ['caller.name', 'caller.phone', 'address', 'description'], inRegion);
      else can('read', 'Case', ['description'], inRegion);
      can('readMasked', 'Case', [...personal, ...sensitive], inRegion);
      can('create', 'Case');
      can(
        ['dispatch', 'reviewReturn', 'reviewExtension', 'reviewReply', 'followUp', 'merge', 'supervise', 'transfer', 'reveal', 'callback'],
        'Case',
        inRegion,
      );
      can('read', ['KnowledgeItem', 'CatalogEntry', 'CaseStats']);
      can('manage', ['KnowledgeItem', 'CatalogEntry']);
      can('read', 'MissedCall', missedCall);
      can('readMasked', 'MissedCall', missedCallPhone);
      can('callback', 'MissedCall');
      can(['read', 'acknowledgeTransfer', 'redrive'], 'Transfer', inRegion);
      can('read', ['PartnerMatter', 'Outage'], inRegion);
      // Governance (66号 七、八): hotspots become proactive tasks; warnings are acknowledged.
      can(['read', 'create'], 'Hotspot');
      can(['read', 'acknowledge'], 'RiskWarning', inRegion);
      can(['read', 'manage'], 'PreparednessPlan');
      break;
    }
    case 'HANDLER': {
      // Only cases dispatched to the unit (lead or co-unit).
      const assigned = { assignedUnitIds: principal.unit };
      const lead = { leadUnitId: principal.unit };
      can('read', 'Case', nonPersonal, assigned);
      if (clearPersonal) can('read', 'Case', ['caller.name', 'caller.phone', 'address', 'description'], assigned);
      else can('read', 'Case', ['description'], assigned);
      can('readMasked', 'Case', [...personal, ...sensitive], assigned);
      // Never a whistleblower's identity or a confidential caller's contact — not even masked.
      cannot(['read', 'readMasked'], 'Case', IDENTITY, { callerWhistleblower: true });
      cannot(['read', 'readMasked'], 'Case', CONTACT, { callerConfidential: true });
      can('sign', 'Case', assigned);
      can(['requestReturn', 'requestExtension', 'reply'], 'Case', lead);
      can('reveal', 'Case', { ...assigned, callerConfidential: false, callerWhistleblower: false });
      can('read', ['KnowledgeItem', 'CatalogEntry']);
      can('manage', 'KnowledgeItem', { ownerUnitId: principal.unit });
      can('read', ['Transfer', 'PartnerMatter'], assigned);
      if (inRegion) can('read', 'Outage', inRegion);
      can('read', 'PreparednessPlan');
      can('manage', 'PreparednessPlan', { unitId: principal.unit });
      // 66号 (八): a unit subscribes to its own cases; pushes are rendered with this same policy.
      can('manage', 'CaseWebhook', { unitId: principal.unit });
      break;
    }
    case 'PARTNER_AGENCY':
    case 'PARTNER_SYSTEM': {
      // A partner account serves one region (a city's 110 centre, its petition bureau): cases the
      // hub shared with the partner, in that region — never another city's, whatever it cites.
      if (!principal.partner || !inRegion) break;
      const shared = { sharedWith: principal.partner, ...inRegion };
      can('read', 'Case', [...AGREEMENT_FIELDS[principal.partner]], shared);
      if (!clearPersonal) cannot('read', 'Case', [...personal, ...sensitive], shared);
      can('readMasked', 'Case', AGREEMENT_FIELDS[principal.partner].filter((f) => personal.includes(f)), shared);
      // A whistleblower's identity and a confidential caller's contact stay with the hotline.
      cannot(['read', 'readMasked'], 'Case', IDENTITY, { callerWhistleblower: true });
      cannot(['read', 'readMasked'], 'Case', CONTACT, { callerConfidential: true });
      const own = { partner: principal.partner, ...inRegion };
      can('read', ['Transfer', 'PartnerMatter', 'Outage'], own);
      if (role === 'PARTNER_SYSTEM') can(['receiveTransfer', 'acknowledgeTransfer', 'feedbackTransfer'], 'Transfer', own);
      break;
    }
    case 'AUDITOR': {
      // Access and exchange logs; case content is not theirs to read.
      can(['read', 'export', 'verify'], ['AccessEvent', 'ExchangeRecord']);
      // A data subject's request ("who read my phone number?") starts from their phone or case number.
      can('locate', 'Case');
      break;
    }
    case 'ANALYST': {
      // Aggregates: the cases behind a hotspot or a warning stay subject to the case rules (none).
      can('read', ['CaseStats', 'Hotspot', 'PreparednessPlan']);
      if (inRegion) can('read', 'RiskWarning', inRegion);
      break;
    }
    case 'ADMIN': {
      can('manage', ['Calendar', 'Setting', 'Category', 'Unit', 'IntakeModel']);
      // Administrators see and disable every unit's push subscription; creating one is the unit's.
      can(['read', 'disable'], 'CaseWebhook');
      // A partner endpoint disabled by a 410 is enabled again by an administrator, once fixed.
      can('manage', 'PartnerEndpoint');
      break;
    }
    default: {
      const unknownRole: never = role;
      throw new Error(`no policy for role ${String(unknownRole)}`);
    }
  }
  return build();
}
