/**
 * The ways a won deal's amount can be split across the campaigns that touched it. `primary` ignores touches
 * and credits the deal's primary campaign; every other model weighs the touches counted before the close.
 */
export const ATTRIBUTION_MODELS = [
  'firstTouch',
  'lastTouch',
  'linear',
  'timeDecay',
  'uShaped',
  'wShaped',
  'primary',
] as const

/** One of {@link ATTRIBUTION_MODELS}. */
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number]

/** The models that weigh touches: every {@link AttributionModel} but `primary`. */
export type TouchAttributionModel = Exclude<AttributionModel, 'primary'>

/** Half-life of `timeDecay` when the caller gives none: a touch a week before the close counts half. */
export const DEFAULT_HALF_LIFE_DAYS = 7
