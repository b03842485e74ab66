/**
 * `npm run sim -- <partner> [options]` — runs a partner simulator alone, over real HTTP, against a
 * hub (default http://127.0.0.1:4000). Today: police110 (connectors/police110/simulator.ts).
 * The webhook secret is the hub's development secret in DATA_DIR (default .data), so a hub started
 * with `npm start` in the same directory verifies the simulator's messages and the other way round.
 */
import path from 'node:path';
import { developmentSecret } from '../connectors/kit/partners';
import { POLICE110_SIMULATOR_SETTINGS, runSimulatorCli } from '../connectors/police110/simulator';
import { PLATFORM_SETTINGS } from '../src/platform/config';
import { readSetting } from '../src/platform/settings';

const USAGE = `usage: npm run sim -- police110 [options]

Runs the simulated 110 command-centre system over real HTTP against a running hub.

  --port <port>              where it listens (default: SIMULATOR_POLICE110_PORT, else 4110)
  --hub <url>                the hub's base URL (default http://127.0.0.1:4000)
  --ack sync|async|reject|none
                             how it acknowledges a push: in its answer, by calling back 3 s later
                             (default), by rejecting it, or not at all
  --feedback-after <ms>|off  final feedback this long after acknowledging (default 20000)
  --fail 5xx|hang|slow|duplicate|bad-signature|drop
                             fail every push this way (change it later: POST /control {"fail": …})
  --secret whsec_…           the webhook secret (default: the hub's development secret in DATA_DIR/keys)
  --quiet                    no line per message
  --help                     this text

Control while it runs: GET /state · POST /control {"fail": "5xx", "count": 3} · POST /transfers
{"title": …, "description": …, "region": "141102"} sends a 双非 matter to the hub.
The hub pushes to it when started with PARTNER_POLICE110_URL=http://127.0.0.1:<port>/webhook.`;

async function main(): Promise<void> {
  const [partner, ...rest] = process.argv.slice(2);
  if (partner === '--help' || partner === '-h' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (partner !== 'police110') {
    console.error(USAGE);
    process.exit(2);
  }
  const dataDir = path.resolve(readSetting(PLATFORM_SETTINGS.DATA_DIR, process.env, []) ?? '.data');
  const problems: string[] = [];
  const defaultPort = readSetting(POLICE110_SIMULATOR_SETTINGS.SIMULATOR_POLICE110_PORT, process.env, problems);
  if (defaultPort === undefined) throw new Error(problems.join('\n'));
  const simulator = await runSimulatorCli(rest, (name) => developmentSecret(dataDir, name as 'police110'), defaultPort);
  process.stdout.write(`[110 simulator] the hub pushes here when started with PARTNER_POLICE110_URL=${simulator.webhookUrl}\n`);
  const stop = () => void simulator.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
