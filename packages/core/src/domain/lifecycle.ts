/**
 * Lifecycle stages in their order along the customer journey. `other` comes last, as in HubSpot: moving a
 * contact out of `other` is a backward move.
 */
export const LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'marketingQualified',
  'salesQualified',
  'opportunity',
  'customer',
  'evangelist',
  'other',
] as const

/** One of {@link LIFECYCLE_STAGES}. */
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number]

/** Who asked for a lifecycle move: automation (forward only) or an explicit call (any direction). */
export type LifecycleMoveSource = 'automatic' | 'explicit'

/** Direction of a lifecycle move, relative to {@link LIFECYCLE_STAGES}. */
export type LifecycleDirection = 'forward' | 'backward'

/** What {@link decideLifecycleMove} decided. */
export type LifecycleDecision =
  | {
      readonly move: true
      readonly from: LifecycleStage | null
      readonly to: LifecycleStage
      readonly direction: LifecycleDirection
    }
  | { readonly move: false; readonly reason: 'sameStage' | 'wouldMoveBackward' }

/** The position of a stage along the journey (0 = subscriber). */
export function lifecycleRank(stage: LifecycleStage): number {
  return LIFECYCLE_STAGES.indexOf(stage)
}

/**
 * Decides a lifecycle move. Automatic moves only go forward; an explicit move may go either way (the
 * service records it with its direction). A contact without a stage may move anywhere.
 */
export function decideLifecycleMove(
  current: LifecycleStage | null,
  target: LifecycleStage,
  source: LifecycleMoveSource,
): LifecycleDecision {
  if (current === target) return { move: false, reason: 'sameStage' }
  const direction: LifecycleDirection =
    current === null || lifecycleRank(target) > lifecycleRank(current) ? 'forward' : 'backward'
  if (direction === 'backward' && source === 'automatic') return { move: false, reason: 'wouldMoveBackward' }
  return { move: true, from: current, to: target, direction }
}
