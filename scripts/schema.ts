/**
 * `npm run schema` writes the printed SDL of every subgraph and the composed supergraph into
 * `schema/`, so a reviewer sees every API change in the diff. `--check` fails when the committed
 * files differ from the code (CI and tests run it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { composeSupergraph, inProcessUrl, subgraphSdl } from '../federation/compose';
import { SUBGRAPH_SCHEMAS } from '../src/main';

const DIR = path.resolve(__dirname, '../schema');

export function printedSchemas(): Map<string, string> {
  const subgraphs = SUBGRAPH_SCHEMAS.map((s) => ({ name: s.name, url: inProcessUrl(s.name), sdl: subgraphSdl(s.schema()) }));
  const files = new Map<string, string>();
  for (const s of subgraphs) files.set(`${s.name}.graphql`, `${s.sdl.trim()}\n`);
  const { supergraphSdl, publicSdl } = composeSupergraph(subgraphs);
  files.set('supergraph.graphql', `${supergraphSdl.trim()}\n`);
  files.set('api.graphql', `${publicSdl.trim()}\n`);
  return files;
}

function main(): void {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [file, content] of printedSchemas()) {
    const target = path.join(DIR, file);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === content) continue;
    if (check) stale.push(file);
    else {
      fs.writeFileSync(target, content);
      console.log(`wrote schema/${file}`);
    }
  }
  if (stale.length > 0) {
    console.error(`schema/ is stale (${stale.join(', ')}): run \`npm run schema\` and commit the result`);
    process.exit(1);
  }
  if (check) console.log('schema/ matches the code');
}

if (require.main === module) main();
