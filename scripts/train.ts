/**
 * `npm run train` — retrains the assisted-intake classifier on the running hub's closed cases and
 * prints its accuracy on the held-out split next to the majority-class baseline. It asks the hub
 * (mutation trainIntakeModel), so it works with the embedded database too.
 *   --url <hub url>   default http://127.0.0.1:4000 (or HUB_URL)
 *   --token <jwt>     an ADMIN token; in development one is made with the local key
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/platform/config';
import { adminAccess } from './admin-access';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, token: { type: 'string' } } });
  const config = loadConfig();
  const { url, token } = await adminAccess(config, values, 'dev-admin-train');
  process.stdout.write(`training the intake classifier at ${url} …\n`);
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation { trainIntakeModel { samples trainSamples testSamples categoryAccuracy categoryTop3Accuracy categoryBaseline typeAccuracy typeBaseline urgencyAccuracy urgencyBaseline } }`,
    }),
  });
  const body = (await response.json()) as { data?: { trainIntakeModel: Record<string, number> }; errors?: { message: string }[] };
  if (!body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
  const r = body.data.trainIntakeModel;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  process.stdout.write(
    [
      `samples: ${r.samples} (train ${r.trainSamples}, held out ${r.testSamples})`,
      `category: ${pct(r.categoryAccuracy!)} (top 3: ${pct(r.categoryTop3Accuracy!)}) — majority baseline ${pct(r.categoryBaseline!)}`,
      `type:     ${pct(r.typeAccuracy!)} — majority baseline ${pct(r.typeBaseline!)}`,
      `urgency:  ${pct(r.urgencyAccuracy!)} — majority baseline ${pct(r.urgencyBaseline!)}`,
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
