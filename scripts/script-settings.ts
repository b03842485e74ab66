import { z } from 'zod';
import { defineSettings } from '../src/platform/settings';

/** What the development commands (scripts/) read from the environment. */
export const SCRIPT_SETTINGS = defineSettings('Development: commands', {
  HUB_URL: { schema: z.url().optional(), example: 'http://127.0.0.1:4000', description: '`npm run train` and `npm run calendar`: the running hub to ask (default http://HOST:PORT)' },
});
