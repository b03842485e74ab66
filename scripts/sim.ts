/**
 * `npm run sim -- <partner> [options]` — runs a partner simulator alone, over real HTTP, against a
 * hub (default http://127.0.0.1:4000). Today: police110 (connectors/police110/simulator.ts).
 * The webhook secret is the hub's development secret in DATA_DIR (default .data), so a hub started
 * with `npm start` in the same directory verifies the simulator's messages and the other way round.
 */
import path from 'node:path';
import { developmentSecret } from '../connectors/kit/partners';
import { runSimulatorCli } from '../connectors/police110/simulator';

async function main(): Promise<void> {
  const [partner, ...rest] = process.argv.slice(2);
  if (partner !== 'police110') {
    console.error('usage: npm run sim -- police110 [--port 4110] [--hub http://127.0.0.1:4000] [--ack sync|async|reject|none] [--fail 5xx|hang|slow|duplicate|bad-signature|drop] [--secret whsec_…] [--feedback-after 20000|off] [--quiet]');
    process.exit(2);
  }
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  const simulator = await runSimulatorCli(rest, (name) => developmentSecret(dataDir, name as 'police110'));
  process.stdout.write(`[110 simulator] the hub pushes here when started with PARTNER_POLICE110_URL=${simulator.webhookUrl}\n`);
  const stop = () => void simulator.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
