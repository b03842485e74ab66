import { personalFields } from '../../policies';
import { CLEAR_PERSONAL_DATA } from '../../policies/purposes';
import type { AuditSettings } from '../platform/config';
import type { EntityManager } from '../platform/db/orm';
import { badInput } from '../platform/graphql/errors';
import { ROLES } from '../platform/identity/principal';

/** Contact data of a caller: reading many callers' contact data is the bulk-harvesting signal. */
export const CONTACT_FIELDS = ['caller.name', 'caller.phone', 'caller.idNumber'] as const;

/** Working hours are China Standard Time (UTC+8, no daylight saving). */
export const AUDIT_TIME_ZONE = 'Asia/Shanghai';

/** Each list of the report holds at most this many principals, the largest counts first. */
export const MAX_ANOMALIES = 100;

/** One principal's accesses that a rule picked out, aggregated over the report's window. */
export type AccessAnomaly = {
  principalId: string;
  role: string;
  unit: string | null;
  /** The purpose the reads were made under (unjustified reads only; null: none given). */
  purpose: string | null;
  /** Field decisions counted: clear reads of the rule's fields, or denials. */
  decisions: number;
  events: number;
  distinctSubjects: number;
  firstAt: Date;
  lastAt: Date;
};

export type AnomalyReport = {
  bulkContactReads: AccessAnomaly[];
  offHoursReads: AccessAnomaly[];
  unjustifiedReads: AccessAnomaly[];
  repeatedDenials: AccessAnomaly[];
};

/**
 * The unusual-access summary for data-security staff (issue 4, point 8), in one SQL statement
 * with GROUP BY over the field entries of the window's events. A "read" of personal data is an
 * ALLOWED decision on a personal or sensitive field (`policies/fields.ts`): the value left the hub
 * in clear. MASKED values are not counted as reads; DENIED ones are attempts, counted in (d).
 *  (a) principals reading the contact fields of more than `bulkReadThreshold` distinct cases;
 *  (b) reads outside working hours (China time) or on a weekend;
 *  (c) reads without a purpose, or under a purpose that does not justify clear personal data for
 *      the role (`CLEAR_PERSONAL_DATA`);
 *  (d) principals with at least `denialThreshold` DENIED decisions (any record, the log included).
 */
export async function findAnomalies(em: EntityManager, from: Date, to: Date, settings: AuditSettings): Promise<AnomalyReport> {
  if (from.getTime() >= to.getTime()) throw badInput('to', 'must be after from');
  const fitting = ROLES.flatMap((role) => CLEAR_PERSONAL_DATA[role].map((purpose) => `${role}:${purpose}`));
  const summary = (extra = '') => `
    principal_id as "principalId", role, unit, ${extra}
    count(*)::int as decisions, count(distinct id)::int as events,
    count(distinct subject_type || ':' || subject_id)::int as "distinctSubjects",
    min(at) as "firstAt", max(at) as "lastAt"`;
  const list = (cte: string, count: string) => {
    const order = `x."${count}" desc, x."principalId", x.purpose nulls first`;
    return `(select coalesce(json_agg(x order by ${order}), '[]') from (select * from ${cte} x order by ${order} limit ${MAX_ANOMALIES}) x)`;
  };
  // Lists are bound as JSON arrays: the driver would expand a JS array into a list of parameters.
  const textSet = (column: string) => `${column} in (select jsonb_array_elements_text(?::jsonb))`;
  const [row] = (await em.getConnection().execute(
    `with entries as (
       select e.id, e.at, e.principal_id, e.role, e.unit, e.purpose, e.subject_type, e.subject_id, f.path, f.decision,
              (e.at at time zone '${AUDIT_TIME_ZONE}') as local_at
       from audit.access_event e
       cross join lateral jsonb_to_recordset(e.fields) as f(path text, decision text)
       where e.at >= ? and e.at < ?
     ),
     personal_reads as (
       select * from entries where subject_type = 'Case' and decision = 'ALLOWED' and ${textSet('path')}
     ),
     bulk as (
       select ${summary('null::text as purpose,')} from personal_reads where ${textSet('path')}
       group by principal_id, role, unit having count(distinct subject_id) > ?
     ),
     off_hours as (
       select ${summary('null::text as purpose,')} from personal_reads
       where extract(isodow from local_at) >= 6 or extract(hour from local_at) < ? or extract(hour from local_at) >= ?
       group by principal_id, role, unit
     ),
     unjustified as (
       select ${summary('purpose,')} from personal_reads
       where purpose is null or not ${textSet(`(role || ':' || purpose)`)}
       group by principal_id, role, unit, purpose
     ),
     denials as (
       select ${summary('null::text as purpose,')} from entries where decision = 'DENIED'
       group by principal_id, role, unit having count(*) >= ?
     )
     select ${list('bulk', 'distinctSubjects')} as "bulkContactReads",
            ${list('off_hours', 'decisions')} as "offHoursReads",
            ${list('unjustified', 'decisions')} as "unjustifiedReads",
            ${list('denials', 'decisions')} as "repeatedDenials"`,
    [
      from,
      to,
      JSON.stringify(personalFields('Case')),
      JSON.stringify(CONTACT_FIELDS),
      settings.bulkReadThreshold,
      settings.workHours.start,
      settings.workHours.end,
      JSON.stringify(fitting),
      settings.denialThreshold,
    ],
  )) as Record<keyof AnomalyReport, (Omit<AccessAnomaly, 'firstAt' | 'lastAt'> & { firstAt: string; lastAt: string })[]>[];
  const dates = (items: (Omit<AccessAnomaly, 'firstAt' | 'lastAt'> & { firstAt: string; lastAt: string })[]) =>
    items.map((a) => ({ ...a, firstAt: new Date(a.firstAt), lastAt: new Date(a.lastAt) }));
  return {
    bulkContactReads: dates(row!.bulkContactReads),
    offHoursReads: dates(row!.offHoursReads),
    unjustifiedReads: dates(row!.unjustifiedReads),
    repeatedDenials: dates(row!.repeatedDenials),
  };
}
