import type { z } from 'zod';
import { badInput } from '../../src/platform/graphql/errors';

/**
 * Validates an inbound message's `data` against a connector's schema. A bad message is refused with
 * the first field and its reason (BAD_USER_INPUT, which the kit answers 422), before anything is
 * written — and the partner learns exactly what to fix.
 */
export function parseInbound<T extends z.ZodType>(schema: T, type: string, data: Record<string, unknown>): z.infer<T> {
  const result = schema.safeParse({ ...data, type });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw badInput(`data.${issue.path.join('.') || '(message)'}`, issue.message);
}
