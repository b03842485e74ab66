import fs from 'node:fs';
import path from 'node:path';
import { clockStartingAt, type Clock } from './clock';

/**
 * A development hub started with `DEV_NOW` lives at another time than the machine: it leaves the
 * time it is at in DATA_DIR, so that `npm run token` (another process) issues tokens the hub
 * accepts. Without DEV_NOW the file is removed.
 */
const FILE = 'dev-clock.json';

export function recordDevClock(dataDir: string, clock: Clock | undefined): void {
  const file = path.join(dataDir, FILE);
  if (!clock) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ hubTime: clock.now().toISOString(), realTime: new Date().toISOString() }));
}

/** The clock of the development hub on this DATA_DIR, if it runs with DEV_NOW. */
export function readDevClock(dataDir: string): Clock | undefined {
  try {
    const { hubTime, realTime } = JSON.parse(fs.readFileSync(path.join(dataDir, FILE), 'utf8')) as { hubTime: string; realTime: string };
    return clockStartingAt(new Date(Date.parse(hubTime) + (Date.now() - Date.parse(realTime))));
  } catch {
    return undefined;
  }
}
