import fs from 'node:fs';
import path from 'node:path';
import { ALL_SETTINGS } from '../../scripts/settings-registry';
import { generatedSettingsFiles } from '../../scripts/settings';
import { loadConfig } from '../../src/platform/config';
import { names } from '../../src/platform/settings';

/**
 * One registry of settings (issue 16, point 4): .env.example and the operations table are what the
 * registry generates, and every environment variable the code reads is in the registry.
 */
const ROOT = path.resolve(__dirname, '../..');
const CODE = ['src', 'connectors', 'federation', 'policies', 'scripts'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

/** `process.env.X`, `env.X`, `env['X']`, `process.env['X']` — the ways the code reads a variable by name. */
function variablesRead(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\])/g)) found.add(match[1] ?? match[2]!);
  return [...found];
}

test('.env.example and the settings table of docs/operations.md are what the registry generates (npm run settings)', () => {
  for (const [file, text] of Object.entries(generatedSettingsFiles())) {
    expect({ file: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') }).toEqual({ file: path.relative(ROOT, file), text });
  }
});

test('every environment variable the code reads is in the settings registry', () => {
  const unlisted: string[] = [];
  for (const file of CODE.flatMap(sourceFiles)) {
    for (const variable of variablesRead(fs.readFileSync(path.join(ROOT, file), 'utf8'))) {
      if (!ALL_SETTINGS.some((s) => names(s, variable))) unlisted.push(`${file}: ${variable}`);
    }
  }
  expect(unlisted).toEqual([]);
});

test('the scanner sees each way of reading a variable (so the test above can fail)', () => {
  expect(variablesRead("process.env.FOO_BAR; env.BAZ; env['QUX_1']; process.env[\"ZED\"]")).toEqual(['FOO_BAR', 'BAZ', 'QUX_1', 'ZED']);
  expect(ALL_SETTINGS.some((s) => names(s, 'NOT_A_SETTING'))).toBe(false);
  expect(ALL_SETTINGS.some((s) => names(s, 'PARTNER_UTILITY_WATER_URL'))).toBe(true);
});

test('each setting has one entry, a description, and every secret is marked', () => {
  const seen = ALL_SETTINGS.map((s) => s.name);
  expect(new Set(seen).size).toBe(seen.length);
  for (const s of ALL_SETTINGS) expect(s.description.length).toBeGreaterThan(10);
  const secrets = ALL_SETTINGS.filter((s) => s.secret).map((s) => s.name);
  expect(secrets).toEqual(expect.arrayContaining(['DATABASE_URL', 'ASSERTION_PRIVATE_KEY', 'PII_HMAC_KEY', 'PARTNER_<NAME>_SECRETS', 'PETITION_CORRELATION_SECRET']));
});

test('validation comes from the registry: a bad value is named with the reason, a secret never echoed', () => {
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT: .*\(got "eighty"\)/);
  expect(() => loadConfig({ PII_HMAC_KEY: 'short' })).toThrow(/PII_HMAC_KEY: .*\(got "\*\*\*"\)/);
});
