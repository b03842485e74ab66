/**
 * Every setting of the hub in one list (issue 16, point 4): the platform's and each module's, in the
 * order .env.example and docs/operations.md show them. A module that reads a new variable adds it to
 * its own list and its list here; tests/unit/settings.test.ts fails on a variable read but not listed.
 */
import { EMERGENCY_SETTINGS } from '../connectors/emergency';
import { PARTNER_SETTINGS } from '../connectors/kit/partners';
import { PETITION_SETTINGS } from '../connectors/petition/settings';
import { POLICE110_SIMULATOR_SETTINGS } from '../connectors/police110/simulator';
import { START_SETTINGS } from '../src/main';
import { PLATFORM_SETTINGS } from '../src/platform/config';
import type { Setting } from '../src/platform/settings';
import { SCRIPT_SETTINGS } from './script-settings';

export const ALL_SETTINGS: readonly Setting[] = [
  PLATFORM_SETTINGS,
  PARTNER_SETTINGS,
  EMERGENCY_SETTINGS,
  PETITION_SETTINGS,
  START_SETTINGS,
  POLICE110_SIMULATOR_SETTINGS,
  SCRIPT_SETTINGS,
].flatMap((list) => Object.values(list));
