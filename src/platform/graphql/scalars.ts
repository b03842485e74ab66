import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** RFC 3339 date-time with an offset; always serialised in UTC. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An RFC 3339 date-time with a time-zone offset, e.g. 2026-11-28T09:30:00+08:00 (returned in UTC).',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue(value) {
    return parseDateTime(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string, e.g. "2026-11-28T09:30:00+08:00"');
    return parseDateTime(ast.value);
  },
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !RFC3339.test(value)) {
    throw new GraphQLError('DateTime must be an RFC 3339 string with an offset, e.g. "2026-11-28T09:30:00+08:00"');
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime "${value}" is not a real date`);
  return date;
}
