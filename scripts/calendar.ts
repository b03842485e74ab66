/**
 * `npm run calendar -- --year 2027 --notice notice-2027.txt --source "国办发明电〔2026〕x号" [--dry-run]`
 * loads a year of the working-day calendar from the State Council's holiday notice — its lines
 * "一、元旦：…" to "七、国庆节：…" pasted into a text file as published — into the running hub
 * (mutation loadCalendarNotice), which checks every line, then recomputes the deadlines counted
 * provisionally. `--dry-run` shows what would be loaded. Without --notice: shows the coverage.
 *   --url <hub url>   default http://127.0.0.1:4000 (or HUB_URL)
 *   --token <jwt>     an ADMIN token; in development one is made with the local key
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/platform/config';
import { adminAccess } from './admin-access';
import { CalendarCoverageDocument, LoadCalendarNoticeDocument } from '../schema/generated/graphql';

const USAGE = 'usage: npm run calendar -- [--year <YYYY> --notice <file> --source <notice number> [--dry-run]] [--url <hub>] [--token <ADMIN jwt>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      year: { type: 'string' },
      notice: { type: 'string' },
      source: { type: 'string' },
      'dry-run': { type: 'boolean' },
      url: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const config = loadConfig();
  const { url, token } = await adminAccess(config, values, 'dev-admin-calendar');
  // By the trusted documents' ids (schema/operations/admin.graphql): production runs nothing else.
  const idOf = (document: unknown) => (document as { __meta__: { hash: string } }).__meta__.hash;
  let request: { documentId: string; variables?: Record<string, unknown> };
  if (values.notice) {
    if (!values.year || !/^\d{4}$/.test(values.year)) throw new Error(`--year: the notice's year, e.g. 2027\n${USAGE}`);
    if (!values.source) throw new Error(`--source: the notice's number, e.g. 国办发明电〔2026〕x号\n${USAGE}`);
    request = {
      documentId: idOf(LoadCalendarNoticeDocument),
      variables: { year: Number(values.year), notice: fs.readFileSync(values.notice, 'utf8'), source: values.source, dryRun: values['dry-run'] ?? false },
    };
    process.stdout.write(`${values['dry-run'] ? 'checking' : 'loading'} the ${values.year} holiday notice at ${url} …\n`);
  } else {
    request = { documentId: idOf(CalendarCoverageDocument) };
  }
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as { data?: Record<string, Coverage>; errors?: { message: string }[] };
  if (!body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
  const c = Object.values(body.data)[0]!;
  const lines = [`loaded years: ${c.years.join(', ')}`, `missing now:  ${c.missing.join(', ') || 'none'}`, `cases with provisional deadlines: ${c.provisionalCases}`];
  if (c.warning) lines.push(`warning: ${c.warning}`);
  if (c.loaded) {
    lines.push(
      `${c.loaded.dryRun ? 'would load' : 'loaded'} ${c.loaded.year}: ${c.loaded.holidays.length} rest days, ${c.loaded.workdays.length} make-up working days (${c.loaded.workdays.join(', ') || 'none'})`,
      ...(c.loaded.dryRun ? [] : [`deadlines recomputed on ${c.loaded.recomputedCases} cases`]),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

type Coverage = {
  years: number[];
  missing: number[];
  warning: string | null;
  provisionalCases: number;
  loaded: { year: number; holidays: string[]; workdays: string[]; recomputedCases: number; dryRun: boolean } | null;
};

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
