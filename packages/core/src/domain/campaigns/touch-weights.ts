import type { TouchAttributionModel } from './attribution-models'
import type { CountedTouch } from './counted-touches'

/** What a weight function may read besides the touches. */
export interface TouchWeightContext {
  /** Length of the `timeDecay` half-life in milliseconds. */
  readonly halfLifeMs: number
}

/**
 * Gives each counted touch (in `countedTouches` order, at least one) a relative weight: a
 * non-negative number whose share of the sum is the touch's share of the deal. Returning relative weights
 * rather than fractions is what renormalises a model when there are fewer touches than positions, and lets
 * the positional models use whole numbers so that equal shares are exactly equal.
 */
export type TouchWeightFunction = (touches: readonly CountedTouch[], context: TouchWeightContext) => number[]

/**
 * Weights for positional models: each key position gets `keyShare`, and `restShare` is spread evenly over
 * the other touches. Scaled by the number of other touches so every weight is a whole number. With no
 * other touches the rest share has nowhere to go and the key positions split the deal evenly.
 */
function positionalWeights(
  count: number,
  keyPositions: readonly number[],
  keyShare: number,
  restShare: number,
) {
  const keys = new Set(keyPositions)
  const others = count - keys.size
  return Array.from({ length: count }, (_, position) =>
    keys.has(position) ? keyShare * Math.max(others, 1) : restShare,
  )
}

/**
 * The `wShaped` middle key: the first touch flagged `opportunityCreated` strictly between the first and
 * the last touch; without one, the lower median position. A flag on the first or last touch is ignored
 * because that touch already holds a key position. With fewer than three touches there is no middle, and
 * the result is the first position (so it adds no key of its own).
 */
export function wShapedMiddleKey(touches: readonly CountedTouch[]): number {
  const last = touches.length - 1
  const flagged = touches.findIndex(
    (touch, position) => touch.opportunityCreated && position > 0 && position < last,
  )
  return flagged === -1 ? Math.floor(last / 2) : flagged
}

/**
 * The weight function of each touch-based model.
 *
 * - `firstTouch` / `lastTouch`: everything to the earliest / latest touch.
 * - `linear`: every touch the same.
 * - `timeDecay`: `2^(-(closedAt - at) / halfLife)`. Computed relative to the latest counted touch, which
 *   scales every weight by the same factor (so shares are unchanged) and keeps touches long before the
 *   close from all underflowing to zero.
 * - `uShaped`: 40% first, 40% last, 20% spread over the touches between.
 * - `wShaped`: 30% first, 30% middle key ({@link wShapedMiddleKey}), 30% last, 10% over the rest.
 */
export const TOUCH_WEIGHTS: Readonly<Record<TouchAttributionModel, TouchWeightFunction>> = {
  firstTouch: (touches) => touches.map((_, position) => (position === 0 ? 1 : 0)),
  lastTouch: (touches) => touches.map((_, position) => (position === touches.length - 1 ? 1 : 0)),
  linear: (touches) => touches.map(() => 1),
  timeDecay: (touches, { halfLifeMs }) => {
    const latestMs = touches[touches.length - 1]!.atMs
    return touches.map((touch) => 2 ** (-(latestMs - touch.atMs) / halfLifeMs))
  },
  uShaped: (touches) => positionalWeights(touches.length, [0, touches.length - 1], 40, 20),
  wShaped: (touches) =>
    positionalWeights(touches.length, [0, wShapedMiddleKey(touches), touches.length - 1], 30, 10),
}
