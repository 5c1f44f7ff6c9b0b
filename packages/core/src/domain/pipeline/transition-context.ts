import type { IsoTimestamp } from '../../kernel/timestamps'
import type { DealStageState } from './deal-stage-state'
import type { PipelineDefinition, PipelineStage } from './pipeline-definition'

/** What a stage guard is told about the move it judges. */
export interface StageGuardInput {
  readonly pipeline: PipelineDefinition
  /** The deal before the move. */
  readonly deal: DealStageState
  /** The deal's current stage. */
  readonly fromStage: PipelineStage
  /** The stage the deal would enter. */
  readonly toStage: PipelineStage
  /** The move reopens a closed deal. */
  readonly reopen: boolean
  readonly actor: string | null
  readonly now: IsoTimestamp
}

/**
 * A named check an app registers for stages to use (`stage.guards`). Return `true` to accept, `false` to
 * refuse, or a string to refuse with that message (shown to the user). Must be pure and fast: it runs on
 * every move into its stage. Guards are passed per call, so one may close over the caller's full deal record.
 *
 * @example
 * ```ts
 * const hasAmount: StageGuard = ({ deal }) => deal.amountMinor !== null || 'Set an amount first'
 * const hasDecisionMaker: StageGuard = () => dealRecord.contactRoles.includes('decisionMaker')
 * ```
 */
export type StageGuard = (input: StageGuardInput) => boolean | string

/**
 * Everything {@link transition} needs besides the pipeline, the deal and the target stage. The caller
 * supplies the time and evaluates the requirements filter (it knows the record's fields), so the transition
 * stays pure.
 *
 * @example
 * ```ts
 * const target = findStage(pipeline, 'proposal')!
 * const ctx: TransitionContext = {
 *   now: clock.now().toISOString(),
 *   actor: 'usr_42',
 *   requirementsMet: target.requirements == null || matches(target.requirements, dealRecord),
 *   guards: { hasAmount, hasDecisionMaker },
 * }
 * ```
 */
export interface TransitionContext {
  /** The time of the move; becomes the history entry's `at` and, on closing, `closedAt`. */
  readonly now: IsoTimestamp
  /** Who moves the deal; recorded in the history. @default null */
  readonly actor?: string | null
  /** Why; recorded in the history. @default null */
  readonly reason?: string | null
  /**
   * Explicitly take a closed deal out of its closed stage. Ignored for an open deal.
   * @default false
   */
  readonly reopen?: boolean
  /**
   * Whether the deal satisfies the target stage's `requirements` filter: the answer itself, evaluated by
   * the caller before the move (what Rapport's deal service passes), or a function asked only for a target
   * stage that has requirements. Read only when the target stage has requirements; when it has and this is
   * missing, the move is refused (`requirementsUnmet`): requirements are never skipped silently.
   */
  readonly requirementsMet?: boolean | ((stage: PipelineStage) => boolean)
  /** The app's guards by name; a stage's `guards` must all be here. @default {} */
  readonly guards?: Readonly<Record<string, StageGuard>>
}
