import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths that could carry personal data if a developer ever logged a record or a request by mistake.
 * Logs carry request ids and principal ids only (docs/style.md house rules); this list is the safety net.
 */
const REDACT = [
  '*.phone',
  '*.callerPhone',
  '*.idNumber',
  '*.callerName',
  '*.name',
  '*.address',
  '*.caller',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.secret',
];

export function createLogger(options: { level: string; name?: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      name: options.name ?? 'hotline-hub',
      redact: { paths: REDACT, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
