/**
 * Why {@link transition} refused a move, in the order it checks them:
 *
 * - `unknownStage`: the target stage, or the deal's current stage, is not in the pipeline.
 * - `sameStage`: the deal is already in the target stage.
 * - `closedNeedsReopen`: the deal is closed and the move did not say `reopen: true`.
 * - `transitionNotAllowed`: the pipeline lists its transitions and this move is not one of them.
 * - `unknownGuard`: the target stage names a guard the app did not register (a configuration error).
 * - `requirementsUnmet`: the deal does not satisfy the target stage's entry requirements.
 * - `guardRefused`: a guard of the target stage said no.
 */
export const TRANSITION_REFUSAL_REASONS = [
  'unknownStage',
  'sameStage',
  'closedNeedsReopen',
  'transitionNotAllowed',
  'unknownGuard',
  'requirementsUnmet',
  'guardRefused',
] as const

/** One of {@link TRANSITION_REFUSAL_REASONS}. */
export type TransitionRefusalReason = (typeof TRANSITION_REFUSAL_REASONS)[number]

/** What every refusal says. Nothing changed: the deal stays as it was. */
interface RefusalBase<R extends TransitionRefusalReason> {
  readonly ok: false
  readonly reason: R
  /** A sentence for people: what was wrong and what would be accepted. */
  readonly message: string
  /** The deal's current stage. */
  readonly fromStage: string
  /** The stage the move asked for. */
  readonly toStage: string
}

/**
 * A refused move, typed by reason. `unknownStage` names the missing key; the guard reasons name the guard.
 *
 * @example
 * ```ts
 * const result = transition(pipeline, deal, 'closedWon', ctx)
 * if (!result.ok && result.reason === 'guardRefused') console.warn(result.guard, result.message)
 * ```
 */
export type TransitionRefusal =
  | (RefusalBase<'unknownStage'> & { readonly stageKey: string })
  | RefusalBase<'sameStage'>
  | RefusalBase<'closedNeedsReopen'>
  | RefusalBase<'transitionNotAllowed'>
  | (RefusalBase<'unknownGuard'> & { readonly guard: string })
  | RefusalBase<'requirementsUnmet'>
  | (RefusalBase<'guardRefused'> & { readonly guard: string })
