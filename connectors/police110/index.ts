import type { Clock } from '../../src/platform/clock';
import { registerTransferWebhooks } from '../exchange/transfers';
import type { ExchangeKit } from '../kit/kit';

/**
 * The 110 connector (国办发〔2022〕12号, docs/domain.md "Partners"): both ways, both styles.
 *
 * Hotline → 110: `transferCase(partner: "police110")` or the `TRANSFER_EMERGENCY` disposition with
 * `emergencyLine: POLICE_110` (and `REFER_POLICE_MALICIOUS`) push `transfer.created` with the fields
 * of 110's agreement (title, description, address, time, category, caller's name and number);
 * 110 acknowledges with its incident number or rejects with a reason — in its answer to the push,
 * by the signed webhook `transfer.acknowledged`, or by `acknowledgeTransfer`. A rejection returns
 * the matter to the hotline (the first-receiving platform keeps it). 110's handling result comes
 * back by `transfer.feedback` / `submitTransferFeedback`.
 *
 * 110 → hotline ("双非", non-police matters): `transfer.created` by webhook or `receiveTransfer`
 * becomes a TRANSFER_110 case with the incident number as the transfer's external reference; the
 * hub answers `transfer.acknowledged` with the case number, and `transfer.feedback` with the
 * handling result when the case closes.
 */
export const POLICE_110 = 'police110';

export function registerPolice110(kit: ExchangeKit, clock: Clock): void {
  registerTransferWebhooks(kit, POLICE_110, clock, { inbound: true });
}
