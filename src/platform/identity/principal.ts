import { z } from 'zod';

/** Roles of docs/api.md; docs/domain.md ("Who uses the hub") says what each may do, `policies/` enforces it. */
export const ROLES = [
  'OPERATOR',
  'CONTRACT_OPERATOR',
  'DISPATCHER',
  'HANDLER',
  'PARTNER_AGENCY',
  'PARTNER_SYSTEM',
  'AUDITOR',
  'ANALYST',
  'ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

/** System accounts of partner platforms (the `partner` claim). */
export const PARTNERS = [
  'police110',
  'fire119',
  'ems120',
  'traffic122',
  'petition',
  'supervision',
  'utility-water',
  'utility-power',
  'utility-gas',
  'utility-heating',
] as const;
export type PartnerName = (typeof PARTNERS)[number];

/** Purposes of use (header `X-Purpose`), recorded with every access. */
export const PURPOSES = ['INTAKE', 'HANDLING', 'DISPATCH', 'FOLLOW_UP', 'SUPERVISION', 'TRANSFER', 'AUDIT', 'STATISTICS'] as const;
export type Purpose = (typeof PURPOSES)[number];

/**
 * Roles whose scope is a region (a city's operators and dispatchers, its contract call centre, its
 * analysts, a city's 110 centre or petition bureau). A token of one of them without a region would
 * see nothing and say nothing about why: it is refused where it is verified, naming the claim.
 */
export const REGIONAL_ROLES: ReadonlySet<Role> = new Set(['OPERATOR', 'CONTRACT_OPERATOR', 'DISPATCHER', 'ANALYST', 'PARTNER_AGENCY', 'PARTNER_SYSTEM']);

const regionCode = z.string().regex(/^\d{6}$/, 'must be a six-digit GB/T 2260 region code');

/**
 * The verified caller. Identities are structured (role, unit, region, vendor, partner) and never
 * parsed out of strings (docs/style.md, from X-Road).
 */
export const principalSchema = z
  .object({
    sub: z.string().min(1).max(128),
    name: z.string().max(128).optional(),
    role: z.enum(ROLES),
    unit: z.uuid().optional(),
    region: regionCode.optional(),
    vendor: z.string().min(1).max(64).optional(),
    partner: z.enum(PARTNERS).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.role === 'HANDLER' && !p.unit) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'a HANDLER token must name its unit' });
    if (p.role === 'CONTRACT_OPERATOR' && !p.vendor)
      ctx.addIssue({ code: 'custom', path: ['vendor'], message: 'a CONTRACT_OPERATOR token must name its vendor' });
    if (p.role === 'PARTNER_SYSTEM' && !p.partner)
      ctx.addIssue({ code: 'custom', path: ['partner'], message: 'a PARTNER_SYSTEM token must name its partner' });
    if (REGIONAL_ROLES.has(p.role) && !p.region)
      ctx.addIssue({ code: 'custom', path: ['region'], message: `is required for a ${p.role} token: the six-digit code of the city or province it serves` });
    if (p.role === 'PARTNER_AGENCY' && !p.partner)
      ctx.addIssue({ code: 'custom', path: ['partner'], message: 'a PARTNER_AGENCY token must name its agency (partner claim)' });
  });

export type Principal = Readonly<z.infer<typeof principalSchema>>;

export function parsePurpose(value: string | null | undefined): Purpose | undefined {
  if (!value) return undefined;
  const upper = value.trim().toUpperCase();
  return (PURPOSES as readonly string[]).includes(upper) ? (upper as Purpose) : undefined;
}
