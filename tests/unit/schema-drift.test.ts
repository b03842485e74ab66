import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { printedSchemas } from '../../scripts/schema';

/** The committed schema/ files are what the code prints; the generated client code is current. */
describe('committed schema and generated code', () => {
  it('schema/*.graphql equal the printed subgraph, supergraph and public schemas', () => {
    const stale = [...printedSchemas()].filter(([file, content]) => fs.readFileSync(path.resolve(__dirname, '../../schema', file), 'utf8') !== content);
    expect(stale.map(([file]) => `${file} is stale: run npm run schema`)).toEqual([]);
  });

  it('schema/generated is what `npm run codegen` produces from schema/operations', () => {
    const root = path.resolve(__dirname, '../..');
    let output = '';
    try {
      execFileSync(process.execPath, [path.join(root, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'codegen.ts', '--check'], { cwd: root, stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: Buffer }).stdout ?? error);
    }
    expect(output).toBe('');
  });
});
