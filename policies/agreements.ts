import type { PartnerName } from '../src/platform/identity/principal';

/**
 * The Case fields each partner's data-sharing agreement names (minimum necessary, per partner).
 * A partner reads nothing else of a case, and only of cases shared with it.
 */
const SHARED_CORE = ['id', 'number', 'status', 'type', 'urgency', 'channel', 'category', 'region', 'title', 'createdAt', 'updatedAt', 'dueAt'];

export const AGREEMENT_FIELDS: Record<PartnerName, readonly string[]> = {
  // 110 needs where, what, and a number to call the caller back (国办发〔2022〕12号).
  police110: [...SHARED_CORE, 'description', 'address', 'occurredAt', 'caller', 'caller.name', 'caller.phone'],
  fire119: [...SHARED_CORE, 'description', 'address', 'occurredAt', 'caller', 'caller.phone'],
  ems120: [...SHARED_CORE, 'description', 'address', 'occurredAt', 'caller', 'caller.name', 'caller.phone'],
  traffic122: [...SHARED_CORE, 'description', 'address', 'occurredAt', 'caller', 'caller.phone'],
  'utility-water': [...SHARED_CORE, 'description', 'address', 'caller', 'caller.phone'],
  'utility-power': [...SHARED_CORE, 'description', 'address', 'caller', 'caller.phone'],
  'utility-gas': [...SHARED_CORE, 'description', 'address', 'caller', 'caller.phone'],
  'utility-heating': [...SHARED_CORE, 'description', 'address', 'caller', 'caller.phone'],
  // The petition bureau and the supervision office see the matter, not the person.
  petition: [...SHARED_CORE, 'description', 'linkedMatters'],
  supervision: [...SHARED_CORE, 'description', 'linkedMatters'],
};
