import type { FieldGuard, FieldVerdict } from '../src/platform/graphql/field-guard';
import type { RequestContext } from '../src/platform/graphql/context';
import { asSubject, type AppAbility, type SubjectName } from './ability';
import { CLASSIFICATION } from './fields';
import { mask } from './masking';
import { isRevealed } from './reveal';

type GuardedContext = RequestContext & { ability: AppAbility };

type Rule = ReturnType<AppAbility['rulesFor']>[number];

/**
 * The rules that may grant `action` on one field of a subject type, per ability (one per request).
 * `ability.can` filters the subject's rules by field on every call; a page of 20 cases asks the
 * same ~10 (action, field) questions 20 times, so the filtered lists are kept.
 */
const relevantRules = new WeakMap<AppAbility, Map<string, readonly Rule[]>>();

/** `ability.can(action, record, field)`, with the per-field rule lists computed once per request. */
function can(ability: AppAbility, action: 'read' | 'readMasked', subjectType: string, record: Parameters<AppAbility['can']>[1], field: string): boolean {
  let byField = relevantRules.get(ability);
  if (!byField) relevantRules.set(ability, (byField = new Map()));
  const key = `${action} ${subjectType} ${field}`;
  let rules = byField.get(key);
  if (!rules) byField.set(key, (rules = ability.rulesFor(action, subjectType as SubjectName, field)));
  // As CASL's relevantRuleFor: the first rule whose conditions match decides (inverted = denied).
  for (const rule of rules) if (rule.matchesConditions(record)) return !rule.inverted;
  return false;
}

/**
 * The field guard built from the classification table: every field of a classified type is
 * decided by the request's ability (`read` → clear, `readMasked` → masked, neither → denied).
 */
export function createFieldGuard<Context extends GuardedContext>(): FieldGuard<Context> {
  return {
    types: new Set(Object.keys(CLASSIFICATION)),
    decide(typeName, fieldName, parent, ctx): FieldVerdict | undefined {
      const type = CLASSIFICATION[typeName];
      if (!type || fieldName === '__typename') return undefined;
      const rule = type.fields[fieldName];
      const record = asSubject(type.subject as SubjectName, parent as Record<string, unknown>);
      const path = `${type.prefix}${fieldName}`;
      const base = { subjectType: type.subject, subjectId: String((record as { id?: unknown }).id ?? ''), path };
      // Fail closed: a field added to a classified type without a classification is not readable.
      if (!rule) return { ...base, decision: 'DENIED' };
      if (typeName === 'Caller' && isRevealed(record)) return { ...base, decision: 'ALLOWED', operation: 'revealCallerContact' };
      if (can(ctx.ability, 'read', type.subject, record, path)) return { ...base, decision: 'ALLOWED' };
      if (rule.onDeny === 'mask' && can(ctx.ability, 'readMasked', type.subject, record, path)) {
        const kind = rule.mask;
        return { ...base, decision: 'MASKED', mask: kind && kind !== 'empty' ? (v) => mask(kind, v) : undefined };
      }
      return { ...base, decision: 'DENIED' };
    },
  };
}
