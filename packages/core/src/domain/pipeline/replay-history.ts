import type { IsoTimestamp } from '../../kernel/timestamps'
import { findStage, type PipelineDefinition, type PipelineStage } from './pipeline-definition'
import type { StageHistoryEntry } from './stage-history'

/** Where a deal's stage history leads. */
export interface ReplayedStage {
  readonly ok: true
  /** The stage the last entry moved to (the initial stage when the history is empty). */
  readonly stageKey: string
  /** That stage's definition, or null when the pipeline no longer has it. */
  readonly stage: PipelineStage | null
  /** When the deal entered that stage; null when the history is empty. */
  readonly enteredAt: IsoTimestamp | null
  /** How many moves were replayed. */
  readonly moves: number
}

/** A history whose entries do not chain: entry `index` does not start where the previous one ended. */
export interface BrokenHistory {
  readonly ok: false
  /** Position of the first entry that does not chain. */
  readonly index: number
  /** The stage that entry should have started from. */
  readonly expectedFromStage: string
  readonly message: string
}

/**
 * Folds a deal's stage history, oldest first, from its initial stage into its current stage. Each entry
 * must start where the previous one ended; the first that does not is reported, not skipped, because a
 * gap means a lost or concurrent write. Stages need not still exist in the pipeline (history outlives
 * stage edits).
 *
 * @example
 * ```ts
 * const replayed = replayHistory(pipeline, 'qualification', historyRows)
 * if (replayed.ok && replayed.stageKey !== deal.stageKey) console.warn('stage and history disagree')
 * ```
 */
export function replayHistory(
  pipeline: PipelineDefinition,
  initialStageKey: string,
  history: readonly StageHistoryEntry[],
): ReplayedStage | BrokenHistory {
  let stageKey = initialStageKey
  let enteredAt: IsoTimestamp | null = null
  for (let index = 0; index < history.length; index++) {
    const entry = history[index]!
    if (entry.fromStage !== stageKey) {
      return {
        ok: false,
        index,
        expectedFromStage: stageKey,
        message: `History entry ${index} moves from "${entry.fromStage}", but the deal was in "${stageKey}"`,
      }
    }
    stageKey = entry.toStage
    enteredAt = entry.at
  }
  return {
    ok: true,
    stageKey,
    stage: findStage(pipeline, stageKey) ?? null,
    enteredAt,
    moves: history.length,
  }
}
