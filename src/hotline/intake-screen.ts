import type { LegalRoute } from './model';

/**
 * A check made at intake against another channel before the case is registered (the petition
 * channel check of 66号 (二): a matter already in the petition channel is not accepted, the caller
 * is told the route). The composition root plugs in the connectors that provide one; the hotline
 * knows only this shape. The identifiers are handed over in process and must not leave it in clear:
 * a screen sends a keyed correlation key, never the phone or ID number.
 */
export type IntakeScreenRequest = {
  phone?: string;
  idNumber?: string;
  region: string;
  regionPath: string[];
  categoryCode?: string;
  occurredAt: Date;
  principalSub: string;
};

export type IntakeScreenResult = {
  /** The partner that answered (e.g. `petition`). */
  partner: string;
  /** The screen's own record of this check (the connector attaches it to the case afterwards). */
  checkId: string;
  /** MATCHED: the caller's matter is already in the other channel; UNAVAILABLE: it could not be asked. */
  outcome: 'MATCHED' | 'NO_MATCH' | 'UNAVAILABLE';
  /** The route to tell the caller when matched. */
  legalRoute?: LegalRoute;
  /** The other channel's references of the matching matters. */
  references: string[];
};

export type IntakeScreen = (request: IntakeScreenRequest) => Promise<IntakeScreenResult>;
