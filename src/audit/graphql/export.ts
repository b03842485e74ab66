import { exportAccessEvents, type AccessExport } from '../export';
import { authorizeLogRead, usedKeys } from '../watchers';
import { builder } from './builder';

const AccessExportRef = builder.objectRef<AccessExport & { maxRows: number }>('AccessExport').implement({
  description: 'A period of the access log as JSON Lines, with its SHA-256 so the saved file can be verified later.',
  fields: (t) => ({
    from: t.expose('from', { type: 'DateTime' }),
    to: t.expose('to', { type: 'DateTime' }),
    count: t.exposeInt('count', { description: 'Events (lines) in this export.' }),
    maxRows: t.exposeInt('maxRows', { description: 'The most events one export returns (AUDIT_EXPORT_MAX_ROWS).' }),
    truncated: t.exposeBoolean('truncated', { description: 'The period holds more events: call again with `after: endCursor`.' }),
    endCursor: t.exposeString('endCursor', { nullable: true }),
    jsonl: t.exposeString('jsonl', {
      description: 'One event per line, oldest first, each line ending with a newline; field paths and decisions only, never values.',
    }),
    sha256: t.exposeString('sha256', { description: 'SHA-256 (hex) of the UTF-8 bytes of `jsonl` (`sha256sum` of the saved file).' }),
  }),
});

builder.queryFields((t) => ({
  exportAccessEvents: t.field({
    type: AccessExportRef,
    description: 'Auditors: the access events of [from, to) as JSON Lines, oldest first, capped per call. The export is itself recorded.',
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      after: t.arg.string({ required: false, description: 'The `endCursor` of a truncated export, to continue it.' }),
    },
    resolve: async (_root, args, ctx) => {
      authorizeLogRead(ctx, 'export', 'exportAccessEvents', usedKeys('', args));
      const maxRows = ctx.settings.exportMaxRows;
      return { ...(await exportAccessEvents(ctx.em, args, maxRows)), maxRows };
    },
  }),
}));
