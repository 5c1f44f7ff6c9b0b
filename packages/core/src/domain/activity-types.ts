/** The kinds of activity on a timeline. */
export const ACTIVITY_TYPES = ['note', 'call', 'email', 'meeting', 'task'] as const

/** One of {@link ACTIVITY_TYPES}. */
export type ActivityType = (typeof ACTIVITY_TYPES)[number]

/** Direction of a call or email. */
export const ACTIVITY_DIRECTIONS = ['inbound', 'outbound'] as const

/** One of {@link ACTIVITY_DIRECTIONS}. */
export type ActivityDirection = (typeof ACTIVITY_DIRECTIONS)[number]

/** What an activity can be linked to. */
export const ACTIVITY_TARGET_TYPES = ['contact', 'company', 'deal'] as const

/** One of {@link ACTIVITY_TARGET_TYPES}. */
export type ActivityTargetType = (typeof ACTIVITY_TARGET_TYPES)[number]
