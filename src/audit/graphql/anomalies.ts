import { AUDIT_TIME_ZONE, findAnomalies, MAX_ANOMALIES, type AccessAnomaly, type AnomalyReport } from '../anomalies';
import { authorizeLogRead, usedKeys } from '../watchers';
import { builder } from './builder';

const AccessAnomalyRef = builder.objectRef<AccessAnomaly>('AccessAnomaly').implement({
  description: 'One principal\'s accesses that a rule picked out, over the report\'s period.',
  fields: (t) => ({
    principalId: t.exposeString('principalId'),
    role: t.exposeString('role'),
    unit: t.exposeString('unit', { nullable: true }),
    purpose: t.exposeString('purpose', { nullable: true, description: 'Unjustified reads: the purpose given (null: none).' }),
    decisions: t.exposeInt('decisions', { description: 'Field decisions counted: clear reads of the rule\'s fields, or denials.' }),
    events: t.exposeInt('events'),
    distinctSubjects: t.exposeInt('distinctSubjects', { description: 'Distinct records (cases) concerned.' }),
    firstAt: t.expose('firstAt', { type: 'DateTime' }),
    lastAt: t.expose('lastAt', { type: 'DateTime' }),
  }),
});

type Report = AnomalyReport & { from: Date; to: Date; thresholds: { bulkReadThreshold: number; denialThreshold: number; workHours: string } };

const AccessAnomalyThresholdsRef = builder.objectRef<Report['thresholds']>('AccessAnomalyThresholds').implement({
  description: 'The configuration the report applied (AUDIT_BULK_READ_THRESHOLD, AUDIT_DENIAL_THRESHOLD, AUDIT_WORK_HOURS).',
  fields: (t) => ({
    bulkReadThreshold: t.exposeInt('bulkReadThreshold'),
    denialThreshold: t.exposeInt('denialThreshold'),
    workHours: t.exposeString('workHours', { description: 'HH-HH, [start, end), Monday to Friday.' }),
    timeZone: t.string({ resolve: () => AUDIT_TIME_ZONE }),
  }),
});

const AccessAnomalyReportRef = builder.objectRef<Report>('AccessAnomalyReport').implement({
  description:
    `Unusual access in [from, to). A read is an ALLOWED decision on a personal or sensitive field (the value left in clear); ` +
    `each list holds at most ${MAX_ANOMALIES} principals, the largest counts first.`,
  fields: (t) => ({
    from: t.expose('from', { type: 'DateTime' }),
    to: t.expose('to', { type: 'DateTime' }),
    thresholds: t.field({ type: AccessAnomalyThresholdsRef, resolve: (r) => r.thresholds }),
    bulkContactReads: t.field({
      type: [AccessAnomalyRef],
      description: 'Principals who read the contact data (caller.name, caller.phone, caller.idNumber) of more distinct cases than the threshold.',
      resolve: (r) => r.bulkContactReads,
    }),
    offHoursReads: t.field({
      type: [AccessAnomalyRef],
      description: 'Reads of personal data outside working hours (China time) or on a Saturday or Sunday.',
      resolve: (r) => r.offHoursReads,
    }),
    unjustifiedReads: t.field({
      type: [AccessAnomalyRef],
      description: 'Reads of personal data without a purpose, or under a purpose that does not justify it for the role; one entry per purpose.',
      resolve: (r) => r.unjustifiedReads,
    }),
    repeatedDenials: t.field({
      type: [AccessAnomalyRef],
      description: 'Principals with at least the threshold of DENIED decisions (case fields and refused access-log reads).',
      resolve: (r) => r.repeatedDenials,
    }),
  }),
});

builder.queryFields((t) => ({
  accessAnomalies: t.field({
    type: AccessAnomalyReportRef,
    description: 'Auditors: the unusual-access summary of a period, thresholds from configuration.',
    args: { from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }) },
    resolve: async (_root, { from, to }, ctx) => {
      authorizeLogRead(ctx, 'read', 'accessAnomalies', usedKeys('', { from, to }));
      const { bulkReadThreshold, denialThreshold, workHours } = ctx.settings;
      const hour = (h: number) => String(h).padStart(2, '0');
      return {
        ...(await findAnomalies(ctx.em, from, to, ctx.settings)),
        from,
        to,
        thresholds: { bulkReadThreshold, denialThreshold, workHours: `${hour(workHours.start)}-${hour(workHours.end)}` },
      };
    },
  }),
}));
