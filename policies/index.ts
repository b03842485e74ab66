export { asSubject, defineAbilityFor, DEFAULT_POLICY_SETTINGS, POLICY_VERSION } from './ability';
export type { Action, AppAbility, PolicySettings, SubjectName } from './ability';
export { CLASSIFICATION, fieldsOf, personalFields } from './fields';
export type { ClassifiedType, FieldClass, FieldRule } from './fields';
export { rowFilter } from './filters';
export type { RowFilter } from './filters';
export { mask, maskAddress, maskIdNumber, maskName, maskPhone } from './masking';
export type { MaskKind } from './masking';
export { createFieldGuard } from './field-guard';
