import type { FieldGuard, FieldVerdict } from '../src/platform/graphql/field-guard';
import type { RequestContext } from '../src/platform/graphql/context';
import { asSubject, type AppAbility, type SubjectName } from './ability';
import { CLASSIFICATION } from './fields';
import { mask } from './masking';
import { isRevealed } from './reveal';

type GuardedContext = RequestContext & { ability: AppAbility };

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
      if (ctx.ability.can('read', record, path)) return { ...base, decision: 'ALLOWED' };
      if (rule.onDeny === 'mask' && ctx.ability.can('readMasked', record, path)) {
        const kind = rule.mask;
        return { ...base, decision: 'MASKED', mask: kind && kind !== 'empty' ? (v) => mask(kind, v) : undefined };
      }
      return { ...base, decision: 'DENIED' };
    },
  };
}
