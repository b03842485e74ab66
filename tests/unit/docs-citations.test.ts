import fs from 'node:fs';
import path from 'node:path';

/**
 * What the code and the docs cite must be in the repository (issue 16, point 8): every relative
 * link of every Markdown file, every repository path in backticks, and every `*.md` a source
 * comment names.
 */
const ROOT = path.resolve(__dirname, '../..');
const TOP = ['src', 'connectors', 'federation', 'policies', 'tests', 'docs', 'schema', 'scripts', 'bench', '.ci'];
const SKIP = new Set(['node_modules', '.git', '.data', 'generated']);

function walk(dir: string, ext: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(rel, ext);
    return entry.name.endsWith(ext) ? [rel] : [];
  });
}

const markdown = ['README.md', ...TOP.filter((d) => fs.existsSync(path.join(ROOT, d))).flatMap((d) => walk(d, '.md'))];
const sources = ['src', 'connectors', 'federation', 'policies', 'scripts', 'bench', 'tests'].flatMap((d) => walk(d, '.ts'));
const exists = (rel: string) => fs.existsSync(path.join(ROOT, rel));

test('every relative link in the Markdown files points at a file or folder of the repository', () => {
  const broken: string[] = [];
  for (const file of markdown) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target!)) continue;
      const rel = path.normalize(path.join(path.dirname(file), target!.split('#')[0]!));
      if (!exists(rel)) broken.push(`${file}: ${target}`);
    }
  }
  expect(broken).toEqual([]);
});

test('every repository path in backticks, in the docs and in source comments, exists', () => {
  const missing: string[] = [];
  for (const file of [...markdown, ...sources]) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const [, cited] of text.matchAll(/`((?:src|connectors|federation|policies|tests|docs|schema|scripts|bench)\/[A-Za-z0-9_./-]+)`/g)) {
      const rel = cited!.replace(/[.:,]+$/, '');
      if (/[<*…]/.test(rel)) continue;
      if (!exists(rel)) missing.push(`${file}: ${rel}`);
    }
  }
  expect(missing).toEqual([]);
});

test('every .md a source file names is in the repository (no team-only documents)', () => {
  const missing: string[] = [];
  for (const file of sources) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const [cited] of text.matchAll(/(?:[A-Za-z0-9_.-]+\/)+[A-Za-z0-9_-]+\.md\b|\b[A-Z][A-Z0-9_-]*\.md\b/g)) {
      if (!exists(cited!) && !exists(path.join(path.dirname(file), cited!))) missing.push(`${file}: ${cited}`);
    }
  }
  expect(missing).toEqual([]);
});
