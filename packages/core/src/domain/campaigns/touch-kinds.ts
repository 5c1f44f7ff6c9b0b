/**
 * What happened in one touch between a campaign and a contact, in funnel order. Every kind counts as a
 * touch for attribution; the kind is kept so reports can tell a send from a response.
 */
export const TOUCH_KINDS = ['sent', 'delivered', 'opened', 'clicked', 'responded', 'converted'] as const

/** One of {@link TOUCH_KINDS}. */
export type TouchKind = (typeof TOUCH_KINDS)[number]
