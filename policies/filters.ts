import { rulesToCondition } from '@casl/ability/extra';
import type { Action, AppAbility, SubjectName } from './ability';

/** A MikroORM filter query, as plain data. */
export type RowFilter = Record<string, unknown>;

/**
 * Properties stored as PostgreSQL arrays. In CASL's (MongoDB) semantics `{ regionPath: '140100' }`
 * means "the array contains 140100"; in SQL that is `region_path @> '{140100}'`.
 */
const ARRAY_PROPERTIES: Partial<Record<SubjectName, readonly string[]>> = {
  Case: ['regionPath', 'assignedUnitIds', 'coUnitIds', 'sharedWith'],
  Transfer: ['regionPath', 'assignedUnitIds', 'sharedWith'],
  PartnerMatter: ['regionPath', 'assignedUnitIds', 'sharedWith'],
  Outage: ['regionPath'],
  RiskWarning: ['regionPath'],
};

/**
 * Turns the rules of `action` on `subject` into a MikroORM filter for list queries, so rows are
 * filtered in SQL, not after loading. Returns `null` when no rule grants anything: the caller
 * must then return an empty result without querying (docs/stack.md: null means deny all).
 */
export function rowFilter(ability: AppAbility, action: Action, subject: SubjectName): RowFilter | null {
  const arrays = new Set(ARRAY_PROPERTIES[subject] ?? []);
  const condition = rulesToCondition(
    ability.rulesFor(action, subject),
    (rule) => {
      const converted = translate((rule.conditions ?? {}) as Record<string, unknown>, arrays);
      // MikroORM has no $nor: an inverted (cannot) rule becomes $not.
      return rule.inverted ? { $not: converted } : converted;
    },
    {
      and: (conditions) => ({ $and: conditions }),
      or: (conditions) => ({ $or: conditions }),
      empty: () => ({}),
    },
  );
  return condition as RowFilter | null;
}

function translate(conditions: Record<string, unknown>, arrays: Set<string>): RowFilter {
  const out: RowFilter = {};
  for (const [key, value] of Object.entries(conditions)) {
    if (key === '$and' || key === '$or') {
      out[key] = (value as Record<string, unknown>[]).map((c) => translate(c, arrays));
    } else if (arrays.has(key)) {
      out[key] = translateArray(key, value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function translateArray(key: string, value: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'number') return { $contains: [value] };
  if (value && typeof value === 'object') {
    const op = value as Record<string, unknown>;
    if ('$in' in op) return { $overlap: op.$in };
    if ('$all' in op) return { $contains: op.$all };
  }
  throw new Error(`policy condition on array property ${key} is not translatable to SQL: ${JSON.stringify(value)}`);
}
