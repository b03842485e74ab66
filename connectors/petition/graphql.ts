import type { GraphQLSchema } from 'graphql';
import { createBuilder } from '../../src/platform/graphql/builder';
import { caseIdOf } from '../kit/case-ref';
import type { PetitionContext } from './context';
import { REFERRAL_STATUSES, type PetitionCheck, type PetitionMatch, type PetitionReferral } from './entities';
import { PETITION_STATUSES } from './mapping';

const builder = createBuilder<PetitionContext>({ nodeQuery: false });

const PetitionStatusEnum = builder.enumType('PetitionStatus', { values: [...new Set(Object.values(PETITION_STATUSES))] });
const CheckOutcomeEnum = builder.enumType('PetitionCheckOutcome', { values: ['MATCHED', 'NO_MATCH', 'UNAVAILABLE'] as const });
const ReferralStatusEnum = builder.enumType('PetitionReferralStatus', { values: REFERRAL_STATUSES });

const PetitionMatchRef = builder.objectRef<PetitionMatch>('PetitionMatch').implement({
  description: 'A matter of the petition system (信访) that the channel check found for this caller.',
  fields: (t) => ({
    petitionRef: t.exposeString('petitionRef', { description: "The petition system's reference (信访件编号)." }),
    agency: t.exposeString('agency', { description: 'The petition bureau handling it.' }),
    status: t.field({ type: PetitionStatusEnum, resolve: (m) => m.status as (typeof PETITION_STATUSES)[keyof typeof PETITION_STATUSES] }),
    acceptedAt: t.field({ type: 'DateTime', resolve: (m) => new Date(m.acceptedAt) }),
  }),
});

const PetitionCheckRef = builder.objectRef<PetitionCheck>('PetitionChannelCheck').implement({
  description: 'One petition channel check made at intake (信访渠道核查), by correlation key only.',
  fields: (t) => ({
    id: t.exposeID('id'),
    outcome: t.expose('outcome', { type: CheckOutcomeEnum }),
    checkedAt: t.expose('checkedAt', { type: 'DateTime' }),
    windowFrom: t.expose('windowFrom', { type: 'DateTime' }),
    windowTo: t.expose('windowTo', { type: 'DateTime' }),
    matches: t.field({ type: [PetitionMatchRef], resolve: (c) => c.matches }),
  }),
});

const PetitionReferralRef = builder.objectRef<PetitionReferral>('PetitionReferral').implement({
  description: 'A matter the petition bureau referred to the hotline (信访转办); its handling is reported back.',
  fields: (t) => ({
    petitionRef: t.exposeString('petitionRef'),
    status: t.expose('status', { type: ReferralStatusEnum }),
    lastReportedHandling: t.exposeString('lastReported', { nullable: true, description: "The last handling stage reported to the petition system, in its codes (SL, BL, DF, BJ)." }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
  }),
});

builder.externalRef('Case', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: (t) => ({
    petitionMatches: t.field({
      type: [PetitionMatchRef],
      description: 'Petition matters found for this caller at intake: a match sets the disposition INFORM_LEGAL_ROUTE (ALREADY_IN_PETITION).',
      resolve: async (ref, _args, ctx) => {
        const caseId = caseIdOf(ref);
        if (!caseId) return [];
        const matches = (await ctx.loaders.checksByCaseId.load(caseId)).flatMap((c) => c.matches);
        // That this caller is in the petition channel is personal data: every read of it is audited.
        if (matches.length) ctx.access.record('Case', caseId, 'petitionMatches', 'ALLOWED');
        return matches;
      },
    }),
    petitionChecks: t.field({
      type: [PetitionCheckRef],
      description: 'The petition channel checks made for this case, oldest first.',
      resolve: async (ref, _args, ctx) => {
        const caseId = caseIdOf(ref);
        if (!caseId) return [];
        const checks = await ctx.loaders.checksByCaseId.load(caseId);
        if (checks.some((c) => c.matches.length)) ctx.access.record('Case', caseId, 'petitionChecks', 'ALLOWED');
        return checks;
      },
    }),
    petitionReferral: t.field({
      type: PetitionReferralRef,
      nullable: true,
      description: 'The petition referral this case came from, or was linked to.',
      resolve: (ref, _args, ctx) => {
        const caseId = caseIdOf(ref);
        return caseId ? ctx.loaders.referralByCaseId.load(caseId) : null;
      },
    }),
  }),
});

builder.queryType({});

let schema: GraphQLSchema | undefined;

export function petitionSchema(): GraphQLSchema {
  schema ??= builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  return schema;
}
