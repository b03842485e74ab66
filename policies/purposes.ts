import type { Purpose, Role } from '../src/platform/identity/principal';

/**
 * Purposes of use that justify reading personal data in clear, per role (PIPL art. 6: minimum
 * necessary). Any other purpose — or none — sees personal fields masked. Sensitive fields (ID
 * numbers) are clear only for the operator taking the call, and through break-glass.
 */
export const CLEAR_PERSONAL_DATA: Record<Role, readonly Purpose[]> = {
  OPERATOR: ['INTAKE', 'FOLLOW_UP'],
  CONTRACT_OPERATOR: ['INTAKE'],
  DISPATCHER: ['SUPERVISION'],
  HANDLER: ['HANDLING'],
  // The petition bureau and the supervision office read the matter (its description) when they
  // work on it together with the hotline; the agreement still excludes the caller.
  PARTNER_AGENCY: ['TRANSFER', 'SUPERVISION'],
  PARTNER_SYSTEM: ['TRANSFER'],
  AUDITOR: [],
  ANALYST: [],
  ADMIN: [],
};

export const CLEAR_SENSITIVE_DATA: Record<Role, readonly Purpose[]> = {
  OPERATOR: ['INTAKE'],
  CONTRACT_OPERATOR: ['INTAKE'],
  DISPATCHER: [],
  HANDLER: [],
  PARTNER_AGENCY: [],
  PARTNER_SYSTEM: [],
  AUDITOR: [],
  ANALYST: [],
  ADMIN: [],
};

export function justifies(table: Record<Role, readonly Purpose[]>, role: Role, purpose: Purpose | undefined): boolean {
  return purpose !== undefined && table[role].includes(purpose);
}
