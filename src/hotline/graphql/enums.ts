import {
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  DESKS,
  DISPOSITIONS,
  EMERGENCY_LINES,
  LEGAL_ROUTES,
  MISSED_CALL_STATUSES,
  REPLY_RESULTS,
  RETURN_REASONS,
  SATISFACTIONS,
  SUPERVISION_KINDS,
  SUPERVISION_TRIGGERS,
  URGENCIES,
} from '../model';
import { builder } from './builder';

export const ChannelEnum = builder.enumType('Channel', { values: CHANNELS });
export const DeskEnum = builder.enumType('Desk', {
  description: 'Special desks: the enterprise desk (涉企专席) and the dialect desk.',
  values: DESKS,
});
export const CaseTypeEnum = builder.enumType('CaseType', { values: CASE_TYPES });
export const UrgencyEnum = builder.enumType('Urgency', { values: URGENCIES });
export const DispositionEnum = builder.enumType('Disposition', {
  description: 'The mandatory disposition at intake (66号 (二)).',
  values: DISPOSITIONS,
});
export const CaseStatusEnum = builder.enumType('CaseStatus', { values: CASE_STATUSES });
export const LegalRouteEnum = builder.enumType('LegalRoute', { values: LEGAL_ROUTES });
export const EmergencyLineEnum = builder.enumType('EmergencyLine', { values: EMERGENCY_LINES });
export const ReplyResultEnum = builder.enumType('ReplyResult', { values: REPLY_RESULTS });
export const SatisfactionEnum = builder.enumType('Satisfaction', { values: SATISFACTIONS });
export const ReturnReasonEnum = builder.enumType('ReturnReason', { values: RETURN_REASONS });
export const SupervisionKindEnum = builder.enumType('SupervisionKind', { values: SUPERVISION_KINDS });
export const SupervisionTriggerEnum = builder.enumType('SupervisionTrigger', { values: SUPERVISION_TRIGGERS });
export const MissedCallStatusEnum = builder.enumType('MissedCallStatus', { values: MISSED_CALL_STATUSES });
