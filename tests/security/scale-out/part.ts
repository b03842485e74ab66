/** `npm start`'s entry with the test-only probe subgraph added (tests/security/scale-out.test.ts). */
import { main } from '../../../src/main';
import { probeSubgraph } from './probe';

main(process.argv.slice(2), [probeSubgraph]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
