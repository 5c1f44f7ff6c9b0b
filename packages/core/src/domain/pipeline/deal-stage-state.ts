import type { IsoTimestamp } from '../../kernel/timestamps'
import type { ForecastCategory } from './forecast-categories'
import type { PipelineStage } from './pipeline-definition'

/**
 * The part of a deal the pipeline machine reads and writes: where it is, its per-deal overrides, its amount
 * and its outcome.
 *
 * `isClosed` / `isWon` are the deal's recorded outcome, not a copy of its stage's flags: if an admin later
 * edits a stage, deals already in it keep the outcome they had (no silent reopen or close).
 *
 * @example
 * ```ts
 * const deal: DealStageState = {
 *   stageKey: 'proposal', probabilityOverride: null, forecastCategoryOverride: 'commit',
 *   amountMinor: 1_250_000, closedAt: null, isClosed: false, isWon: false,
 * }
 * ```
 */
export interface DealStageState {
  /** Key of the stage the deal is in. */
  readonly stageKey: string
  /** A probability (0–1) set on this deal, or null to use the stage's. */
  readonly probabilityOverride: number | null
  /** A forecast category set on this deal, or null to use the stage's. */
  readonly forecastCategoryOverride: ForecastCategory | null
  /** The deal's amount in minor units (its currency is the deal's business), or null when not known yet. */
  readonly amountMinor: number | null
  /** When the deal was won or lost; null while it is open. */
  readonly closedAt: IsoTimestamp | null
  /** The deal is finished (won or lost). */
  readonly isClosed: boolean
  /** The deal was won; implies `isClosed`. */
  readonly isWon: boolean
}

/**
 * The probability that counts for a deal: its override, else its stage's.
 *
 * @example
 * ```ts
 * effectiveProbability(findStage(pipeline, deal.stageKey)!, deal) // 0.5
 * ```
 */
export function effectiveProbability(stage: PipelineStage, deal: DealStageState): number {
  return deal.probabilityOverride ?? stage.probability
}

/** The forecast category that counts for a deal: its override, else its stage's. */
export function effectiveForecastCategory(stage: PipelineStage, deal: DealStageState): ForecastCategory {
  return deal.forecastCategoryOverride ?? stage.forecastCategory
}
