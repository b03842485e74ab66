import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, parse, validate, type DocumentNode, type OperationDefinitionNode, print, Kind } from 'graphql';
import { DEMO_PRINCIPALS } from '../../../src/hotline/demo/principals';
import type { Principal } from '../../../src/platform/identity/principal';
import { startTestHub, type TestHub } from '../../support/hub';
import { TEMPLATE_NOW } from '../../support/template';

/**
 * Executed documentation (issue 16, point 3). Every fenced example of README.md and docs/:
 * - a GraphQL block: every operation in it is valid against the public schema (schema/api.graphql);
 *   one marked `<!-- example: run as=ROLE purpose=P [vars=last-two-days] -->` is also executed
 *   against a running hub, with a token of that role, and must answer without errors;
 * - a shell block is marked `<!-- example: run -->` and executed here with bash — against a running
 *   hub, on today's date, with the hub's own development secrets in `.data/` — or
 *   `<!-- example: illustrative (why) -->`. An unmarked shell block fails the test.
 * An example that stops working fails `npm test`.
 */
const ROOT = path.resolve(__dirname, '../../..');
const FILES = ['README.md', 'bench/README.md', 'connectors/kit/README.md', ...walk('docs')];

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
}

type Block = { file: string; line: number; lang: string; code: string; mark: string | undefined };

function blocks(): Block[] {
  const out: Block[] = [];
  for (const file of FILES) {
    const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = /^(\s*)```(\w+)\s*$/.exec(lines[i]!);
      if (!open) continue;
      const indent = open[1]!.length;
      let end = i + 1;
      while (end < lines.length && lines[end]!.trim() !== '```') end++;
      const code = lines.slice(i + 1, end).map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join('\n');
      const mark = /<!--\s*example:\s*(.*?)\s*-->/.exec(lines[i - 1] ?? '')?.[1];
      out.push({ file, line: i + 1, lang: open[2]!, code, mark });
      i = end;
    }
  }
  return out;
}

const ALL = blocks();
const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema/api.graphql'), 'utf8'));

/** Each operation of a block as a document of its own (a block may hold several anonymous ones). */
function operations(code: string): DocumentNode[] {
  const document = parse(code);
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION).map((op) => ({ kind: Kind.DOCUMENT, definitions: [op] }));
}

test('every GraphQL example in README.md and docs/ is valid against the public schema', () => {
  const graphql = ALL.filter((b) => b.lang === 'graphql');
  expect(graphql.length).toBeGreaterThan(10);
  const problems: string[] = [];
  for (const block of graphql) {
    try {
      for (const op of operations(block.code)) for (const error of validate(schema, op)) problems.push(`${block.file}:${block.line}: ${error.message}`);
    } catch (error) {
      problems.push(`${block.file}:${block.line}: ${(error as Error).message}`);
    }
  }
  expect(problems).toEqual([]);
});

test('every shell example is either executed by this test or marked illustrative, with the reason', () => {
  const unmarked = ALL.filter((b) => b.lang === 'sh' && !/^(run\b|illustrative \(.+\))/.test(b.mark ?? '')).map((b) => `${b.file}:${b.line}`);
  expect(unmarked).toEqual([]);
});

describe('the runnable examples, against a running development hub', () => {
  let hub: TestHub;
  let cwd: string;
  beforeAll(async () => {
    hub = await startTestHub();
    // The examples run from the project directory, where `npm start` keeps its secrets in .data/.
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-examples-'));
    fs.symlinkSync(hub.dataDir, path.join(cwd, '.data'));
  });
  afterAll(async () => {
    await hub?.stop();
    if (cwd) fs.rmSync(cwd, { recursive: true, force: true });
  });

  const role = (name: string): Principal => {
    const principal = (DEMO_PRINCIPALS as Record<string, Principal>)[name];
    if (!principal) throw new Error(`no demo principal ${name}`);
    return principal;
  };

  it.each(ALL.filter((b) => b.lang === 'graphql' && b.mark?.startsWith('run')).map((b) => [`${b.file}:${b.line}`, b] as const))('%s', async (_where, block) => {
    const options = Object.fromEntries([...block.mark!.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    // The demo data is relative to the day the hub was first started; for the test database that day
    // is TEMPLATE_NOW, so that is "today" for these examples.
    hub.clock.set(TEMPLATE_NOW);
    const now = hub.clock.now();
    const variables = options.vars === 'last-two-days' ? { from: new Date(now.getTime() - 2 * 86_400_000).toISOString(), to: now.toISOString() } : {};
    for (const op of operations(block.code)) {
      const answer = await hub.gql(print(op), { as: role(options.as!), purpose: options.purpose as never, variables });
      expect({ operation: print(op).slice(0, 80), errors: answer.body.errors }).toEqual({ operation: print(op).slice(0, 80), errors: undefined });
    }
  });

  it.each(ALL.filter((b) => b.lang === 'sh' && b.mark === 'run').map((b) => [`${b.file}:${b.line}`, b] as const))('%s', async (_where, block) => {
    // The shell examples compute today's date themselves (webhook timestamps must be within 5 minutes).
    hub.clock.set(new Date());
    // What a reader does: paste the token of the role the comment names, and the hub's address.
    let script = block.code.replace(/^TOKEN=eyJ\.\.\.\s*#.*\b([A-Z_]{5,})\b.*$/m, (_line, name: string) => `TOKEN=__TOKEN_${name}__`).replaceAll('http://127.0.0.1:4000', hub.url);
    for (const [, name] of script.matchAll(/__TOKEN_([A-Z_]+)__/g)) script = script.replace(`__TOKEN_${name}__`, await hub.token(role(name!)));
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile('bash', ['-euo', 'pipefail', '-c', script], { cwd, timeout: 30_000 }, (error, out, err) => resolve({ code: error ? 1 : 0, stdout: out, stderr: err })),
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const answer = JSON.parse(stdout) as Record<string, unknown>;
    expect(answer.errors).toBeUndefined();
    if (/"ok":true/.test(block.code)) expect(answer).toMatchObject({ ok: true, duplicate: false });
    else expect(answer.data).toBeDefined();
  });
});
