import { badInput, forbidden } from '../../platform/graphql/errors';
import { toGlobalId } from '../../platform/graphql/ids';
import { builder } from './builder';

type CaseLocation = { id: string; number: string; createdAt: Date; regionCode: string };

const CaseLocationRef = builder.objectRef<CaseLocation>('CaseLocation').implement({
  description: 'Where a case is, for an auditor: its reference, never its content.',
  fields: (t) => ({
    caseId: t.id({ description: 'The Case\'s global id (the id `accessEvents(filter: { caseId })` takes).', resolve: (c) => toGlobalId('Case', c.id) }),
    number: t.exposeString('number'),
    registeredAt: t.expose('createdAt', { type: 'DateTime' }),
    region: t.exposeString('regionCode'),
  }),
});

builder.queryFields((t) => ({
  locateCases: t.field({
    type: [CaseLocationRef],
    description:
      'Auditors: the cases of a caller (by phone number, matched through its keyed hash) or with a case number, newest first (at most 50): references only, to look their accesses up. Each case found is recorded as an access event of the auditor.',
    args: {
      callerPhone: t.arg.string({ required: false }),
      number: t.arg.string({ required: false }),
    },
    resolve: async (_root, { callerPhone, number }, ctx) => {
      if (!ctx.ability.can('locate', 'Case')) throw forbidden('locating cases is for auditors');
      const phone = callerPhone?.trim() || undefined;
      const caseNumber = number?.trim() || undefined;
      if (!phone && !caseNumber) throw badInput('callerPhone', 'give a caller\'s phone number or a case number');
      if (phone && !/^[+\d][\d\s-]{4,19}$/.test(phone)) throw badInput('callerPhone', 'must be a phone number (digits, spaces, dashes, an optional +)');
      if (caseNumber && caseNumber.length > 40) throw badInput('number', 'must be a case number (at most 40 characters)');
      const rows = (await ctx.em.execute('select id, number, created_at, region_code from hotline.locate_cases(?, ?, ?)', [
        phone ? ctx.runtime.pii.phone(phone) : null,
        caseNumber ?? null,
        50,
      ])) as { id: string; number: string; created_at: Date; region_code: string }[];
      // What the auditor learns is recorded like a read: that this case's caller has this phone, or that this number exists.
      for (const row of rows) ctx.access.record('Case', row.id, phone ? 'caller.phone' : 'number', 'ALLOWED');
      return rows.map((r) => ({ id: r.id, number: r.number, createdAt: new Date(r.created_at), regionCode: r.region_code }));
    },
  }),
}));
