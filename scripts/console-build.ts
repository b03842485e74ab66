/**
 * `npm run console:build [-- --if-stale]` — type-checks and builds the web console (src/console) into
 * dist/console, which the hub serves at /console. `npm install` runs it (prepare) and `npm start`
 * rebuilds it when its sources changed; `--if-stale` does nothing when the build is current.
 */
import { buildConsole, ensureConsoleBuilt } from '../federation/console-build';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log('usage: npm run console:build [-- --if-stale]   (builds src/console into dist/console)');
    return;
  }
  if (args.includes('--if-stale')) {
    if (!(await ensureConsoleBuilt())) console.log('console: dist/console is current');
  } else {
    await buildConsole();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
