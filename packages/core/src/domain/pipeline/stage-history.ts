import type { IsoTimestamp } from '../../kernel/timestamps'
import type { ForecastCategory } from './forecast-categories'

/**
 * One stage change of a deal, as stored in its stage history. Time-in-stage and stage conversion rates are
 * computed from these rows; {@link replayHistory} folds them back into the current stage.
 *
 * `amountMinor`, `probability` and `forecastCategory` are the deal's values on entering `toStage`.
 */
export interface StageHistoryEntry {
  readonly fromStage: string
  readonly toStage: string
  readonly amountMinor: number | null
  /** The effective probability in `toStage` (after the move). */
  readonly probability: number
  /** The effective forecast category in `toStage` (after the move). */
  readonly forecastCategory: ForecastCategory
  /** Who moved the deal (a user id, `system`, ...), or null when not told. */
  readonly actor: string | null
  /** Why, as the actor wrote it, or null. */
  readonly reason: string | null
  /** The move took a closed deal out of its closed stage. */
  readonly reopened: boolean
  /** When the move happened (the caller's `now`). */
  readonly at: IsoTimestamp
}
