import type { MaskKind } from './masking';

/**
 * Classification of every field of every personal-data-bearing type — the one table (issue 4).
 *
 * - `public`    no personal data (numbers, states, codes);
 * - `internal`  case content for government staff; partner accounts see it only if their agreement names it;
 * - `personal`  personal information (PIPL art. 4): masked by default, clear only for a fitting purpose;
 * - `sensitive` sensitive personal information (PIPL art. 28: ID numbers, whistleblower identity).
 *
 * `onDeny` says what a principal without clear access gets: the masked value, or nothing (a
 * FORBIDDEN error on that path only). Non-null fields must mask, so the rest of the record survives.
 */
export type FieldClass = 'public' | 'internal' | 'personal' | 'sensitive';
export type FieldRule = { class: FieldClass; onDeny: 'mask' | 'withhold'; mask?: MaskKind };

export type ClassifiedType = {
  /** The CASL subject the type's fields are checked against, and the audit record's type. */
  subject: string;
  /** Field path prefix inside the subject (`caller.` for Caller, read as part of its Case). */
  prefix: string;
  fields: Record<string, FieldRule>;
};

const pub: FieldRule = { class: 'public', onDeny: 'withhold' };
const internalMasked: FieldRule = { class: 'internal', onDeny: 'mask', mask: 'text' };
const internalWithheld: FieldRule = { class: 'internal', onDeny: 'withhold' };
/** Lists and connections a principal may not read come back empty. */
const internalEmpty: FieldRule = { class: 'internal', onDeny: 'mask', mask: 'empty' };

export const CLASSIFICATION: Record<string, ClassifiedType> = {
  Case: {
    subject: 'Case',
    prefix: '',
    fields: {
      id: pub,
      number: pub,
      channel: pub,
      desk: pub,
      type: pub,
      urgency: pub,
      disposition: pub,
      status: pub,
      category: pub,
      region: pub,
      township: pub,
      dueAt: pub,
      overdue: pub,
      createdAt: pub,
      updatedAt: pub,
      closedAt: pub,
      title: internalMasked,
      description: { class: 'personal', onDeny: 'mask', mask: 'text' },
      address: { class: 'personal', onDeny: 'mask', mask: 'address' },
      grid: internalWithheld,
      occurredAt: internalWithheld,
      caller: internalWithheld,
      leadUnit: internalWithheld,
      coUnits: internalEmpty,
      master: internalWithheld,
      merged: internalEmpty,
      events: internalEmpty,
      legalRoute: internalWithheld,
      explainReason: internalWithheld,
      emergencyLine: pub,
      version: pub,
      closeReason: pub,
      slaProfile: pub,
      dispatchedAt: pub,
      signedAt: pub,
      returnDeadline: pub,
      provisionalDeadlines: pub,
      responseDueAt: pub,
      stageDueAt: pub,
      lateSignings: pub,
      lateReplies: pub,
      coUnitWork: internalEmpty,
      followUpDueAt: pub,
      reopenCount: pub,
      sendBackCount: pub,
      extensionCount: pub,
      supervisionLevel: pub,
      reply: internalWithheld,
      answerText: internalWithheld,
      satisfaction: internalWithheld,
      followUpResolved: internalWithheld,
      objections: internalEmpty,
      extensions: internalEmpty,
      followUps: internalEmpty,
      supervisions: internalEmpty,
      transfers: internalEmpty,
      linkedMatters: internalEmpty,
    },
  },
  CaseReply: {
    subject: 'Case',
    prefix: 'reply.',
    fields: { result: pub, at: pub, text: internalMasked },
  },
  Caller: {
    subject: 'Case',
    prefix: 'caller.',
    fields: {
      name: { class: 'personal', onDeny: 'mask', mask: 'name' },
      phone: { class: 'personal', onDeny: 'mask', mask: 'phone' },
      idNumber: { class: 'sensitive', onDeny: 'mask', mask: 'idNumber' },
      enterpriseCode: { class: 'personal', onDeny: 'mask', mask: 'code' },
      confidential: pub,
      anonymous: pub,
      whistleblower: pub,
      callbackConsent: pub,
      maliciousListed: { class: 'internal', onDeny: 'mask' },
    },
  },
  MissedCall: {
    subject: 'MissedCall',
    prefix: '',
    fields: {
      id: pub,
      phone: { class: 'personal', onDeny: 'mask', mask: 'phone' },
      calledAt: pub,
      line: pub,
      region: pub,
      status: pub,
      attempts: pub,
      lastAttemptAt: pub,
      case: internalWithheld,
    },
  },
};

/** The fields of a subject whose reading needs more than row access. */
export function personalFields(subject: string): string[] {
  return Object.values(CLASSIFICATION)
    .filter((t) => t.subject === subject)
    .flatMap((t) =>
      Object.entries(t.fields)
        .filter(([, rule]) => rule.class === 'personal' || rule.class === 'sensitive')
        .map(([name]) => `${t.prefix}${name}`),
    );
}

/** The table is constant: each (subject, classes) list is computed once (abilities are built per request). */
const fieldLists = new Map<string, readonly string[]>();

export function fieldsOf(subject: string, classes: FieldClass[]): string[] {
  const key = `${subject}:${classes.join(',')}`;
  let list = fieldLists.get(key);
  if (!list) fieldLists.set(key, (list = Object.freeze(listFields(subject, classes))));
  return [...list];
}

function listFields(subject: string, classes: FieldClass[]): string[] {
  return Object.values(CLASSIFICATION)
    .filter((t) => t.subject === subject)
    .flatMap((t) =>
      Object.entries(t.fields)
        .filter(([, rule]) => classes.includes(rule.class))
        .map(([name]) => `${t.prefix}${name}`),
    );
}
