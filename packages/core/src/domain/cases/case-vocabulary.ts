/** Every status a case can be in, in the order a case usually passes through them. */
export const CASE_STATUSES = ['new', 'open', 'pending', 'onHold', 'solved', 'closed'] as const

/** One of {@link CASE_STATUSES}. */
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** How urgent a case is; SLA policies set targets per priority. */
export const CASE_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const

/** One of {@link CASE_PRIORITIES}. */
export type CasePriority = (typeof CASE_PRIORITIES)[number]

/** Where a case came in. */
export const CASE_CHANNELS = ['email', 'phone', 'chat', 'web', 'sms', 'whatsapp', 'social', 'other'] as const

/** One of {@link CASE_CHANNELS}. */
export type CaseChannel = (typeof CASE_CHANNELS)[number]

/** Who wrote a message on a case. */
export const CASE_AUTHOR_KINDS = ['customer', 'agent'] as const

/** One of {@link CASE_AUTHOR_KINDS}. */
export type CaseAuthorKind = (typeof CASE_AUTHOR_KINDS)[number]

/** Whether the customer sees a message (`public`) or only the team (`private`, an internal note). */
export const CASE_MESSAGE_VISIBILITIES = ['public', 'private'] as const

/** One of {@link CASE_MESSAGE_VISIBILITIES}. */
export type CaseMessageVisibility = (typeof CASE_MESSAGE_VISIBILITIES)[number]

/** The category that makes a case a complaint. */
export const COMPLAINT_CATEGORY = 'complaint'

/** Statuses in which a case is finished: solved (may be reopened) or closed (final). */
export const FINISHED_CASE_STATUSES: readonly CaseStatus[] = ['solved', 'closed']

/** Is the case still being worked on (not solved or closed)? */
export function isUnfinishedStatus(status: CaseStatus): boolean {
  return status !== 'solved' && status !== 'closed'
}
