/** The one vocabulary of partner exchange, for every partner (docs/api.md "Partner exchange"). */
export const TRANSFER_DIRECTIONS = ['INBOUND', 'OUTBOUND'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

export const TRANSFER_STATUSES = [
  'PENDING',
  'SENT',
  'ACKNOWLEDGED',
  'REJECTED',
  'IN_PROGRESS',
  'FEEDBACK_RECEIVED',
  'CLOSED',
  'FAILED',
  'DEAD_LETTERED',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
