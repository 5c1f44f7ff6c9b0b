import type { DealStageEventName } from './deal-stage-events'
import type { DealStageState } from './deal-stage-state'
import { findStage, type PipelineDefinition, type PipelineStage } from './pipeline-definition'
import type { StageHistoryEntry } from './stage-history'
import type { StageGuard, TransitionContext } from './transition-context'
import type { TransitionRefusal, TransitionRefusalReason } from './transition-refusal'

/** What the caller persists and emits after an accepted move. */
export interface TransitionEffects {
  /** The deal after the move. Per-deal overrides are cleared: the new stage's values apply. */
  readonly deal: DealStageState
  /** The row to append to the deal's stage history. */
  readonly history: StageHistoryEntry
  /** Events to emit, `deal.stageChanged` first. */
  readonly events: readonly DealStageEventName[]
}

/** An accepted move. */
export interface TransitionSuccess {
  readonly ok: true
  readonly effects: TransitionEffects
}

/** What {@link transition} decided: the effects of the move, or why it was refused. */
export type TransitionResult = TransitionSuccess | TransitionRefusal

// Shared, frozen event lists: a move allocates no array for them.
const STAGE_CHANGED: readonly DealStageEventName[] = Object.freeze(['deal.stageChanged'])
const WON: readonly DealStageEventName[] = Object.freeze(['deal.stageChanged', 'deal.won'])
const LOST: readonly DealStageEventName[] = Object.freeze(['deal.stageChanged', 'deal.lost'])
const REOPENED: readonly DealStageEventName[] = Object.freeze(['deal.stageChanged', 'deal.reopened'])

/**
 * Decides a stage move of a deal: either the effects to persist (new deal state, history entry, events) or
 * a typed refusal. Pure: no I/O, no clock, no mutation of its inputs; the caller passes `ctx.now`.
 *
 * Rules, checked in this order (the first failing one is the refusal reason):
 * 1. Both the target and the deal's current stage exist (`unknownStage`), and they differ (`sameStage`).
 * 2. A closed deal (by its own `isClosed`) moves only with `ctx.reopen === true` (`closedNeedsReopen`);
 *    then it may go to any stage, whatever the pipeline's transition list says.
 * 3. An open deal in a pipeline that lists transitions makes only listed moves (`transitionNotAllowed`).
 * 4. Every guard the target stage names is registered (`unknownGuard`), the deal meets the target's
 *    requirements (`requirementsUnmet`), and every guard accepts, in the order listed (`guardRefused`).
 *
 * An accepted move:
 * - clears the per-deal probability and forecast category overrides (Salesforce: a stage change resets
 *   probability to the stage's default), so the new stage's values apply;
 * - sets `closedAt` to `now` when the deal's outcome becomes won or lost (entering a closed stage from an
 *   open one, or won ↔ lost), keeps it when the outcome stays (won → won, lost → lost), and clears it when
 *   the deal ends open (a reopen);
 * - emits `deal.stageChanged`, plus `deal.won` / `deal.lost` when the outcome becomes won / lost and
 *   `deal.reopened` when a closed deal becomes open. A won → won move emits no second `deal.won`.
 *
 * @example
 * ```ts
 * const now = clock.now().toISOString()
 * const result = transition(DEFAULT_SALES_PIPELINE, deal, 'closedWon', { now, actor: 'usr_1' })
 * if (!result.ok) throw new InvalidStateError(result.message, { details: { reason: result.reason } })
 * await store.update(deal.id, result.effects.deal)   // then append result.effects.history
 * for (const name of result.effects.events) outbox.push(name)
 * ```
 */
export function transition(
  pipeline: PipelineDefinition,
  deal: DealStageState,
  toStageKey: string,
  ctx: TransitionContext,
): TransitionResult {
  const fromStageKey = deal.stageKey
  const toStage = findStage(pipeline, toStageKey)
  if (toStage === undefined) {
    return unknownStage(pipeline, fromStageKey, toStageKey, toStageKey, 'The target stage')
  }
  const fromStage = findStage(pipeline, fromStageKey)
  if (fromStage === undefined) {
    return unknownStage(pipeline, fromStageKey, toStageKey, fromStageKey, "The deal's current stage")
  }
  if (fromStageKey === toStageKey) {
    return refuse('sameStage', fromStageKey, toStageKey, `The deal is already in stage "${toStageKey}"`)
  }
  if (deal.isClosed) {
    if (ctx.reopen !== true) {
      const outcome = deal.isWon ? 'won' : 'lost'
      return refuse(
        'closedNeedsReopen',
        fromStageKey,
        toStageKey,
        `The deal is closed (${outcome}) in stage "${fromStageKey}"; pass reopen: true to move it`,
      )
    }
  } else if (pipeline.transitions !== undefined && !isListed(pipeline, fromStageKey, toStageKey)) {
    return transitionNotAllowed(pipeline, fromStageKey, toStageKey)
  }
  const entryRefusal = checkEntry(pipeline, deal, fromStage, toStage, ctx)
  if (entryRefusal !== undefined) return entryRefusal
  return { ok: true, effects: effectsOfMove(deal, toStage, ctx) }
}

function effectsOfMove(
  deal: DealStageState,
  toStage: PipelineStage,
  ctx: TransitionContext,
): TransitionEffects {
  const now = ctx.now
  let closedAt: string | null = null
  let events = STAGE_CHANGED
  if (toStage.isClosed) {
    const outcomeStays = deal.isClosed && deal.isWon === toStage.isWon
    // A closed deal should have a close date; if stored data lacks one, the move repairs it.
    closedAt = outcomeStays ? (deal.closedAt ?? now) : now
    if (!outcomeStays) events = toStage.isWon ? WON : LOST
  } else if (deal.isClosed) {
    events = REOPENED
  }
  return {
    deal: {
      stageKey: toStage.key,
      probabilityOverride: null,
      forecastCategoryOverride: null,
      amountMinor: deal.amountMinor,
      closedAt,
      isClosed: toStage.isClosed,
      isWon: toStage.isWon,
    },
    history: {
      fromStage: deal.stageKey,
      toStage: toStage.key,
      amountMinor: deal.amountMinor,
      probability: toStage.probability,
      forecastCategory: toStage.forecastCategory,
      actor: ctx.actor ?? null,
      reason: ctx.reason ?? null,
      reopened: deal.isClosed,
      at: now,
    },
    events,
  }
}

function isListed(pipeline: PipelineDefinition, from: string, to: string): boolean {
  const transitions = pipeline.transitions ?? []
  for (let i = 0; i < transitions.length; i++) {
    const move = transitions[i]!
    if (move.from === from && move.to === to) return true
  }
  return false
}

// Unknown guard names are checked before any guard runs: a configuration error must not hide behind
// whichever deal happens to fail a requirement first.
function checkEntry(
  pipeline: PipelineDefinition,
  deal: DealStageState,
  fromStage: PipelineStage,
  toStage: PipelineStage,
  ctx: TransitionContext,
): TransitionRefusal | undefined {
  const guardNames = toStage.guards ?? []
  const registry = ctx.guards ?? {}
  for (const name of guardNames) {
    if (!Object.hasOwn(registry, name)) {
      return {
        ...base('unknownGuard', fromStage.key, toStage.key),
        message: `Stage "${toStage.key}" names guard "${name}", which is not registered in ctx.guards`,
        guard: name,
      }
    }
  }
  // `null` requirements (e.g. from JSON) mean none, like a missing key.
  if (toStage.requirements !== undefined && toStage.requirements !== null) {
    const requirementsMet = ctx.requirementsMet
    const met = typeof requirementsMet === 'function' ? requirementsMet(toStage) : requirementsMet
    if (!met) {
      const message =
        requirementsMet === undefined
          ? `Stage "${toStage.key}" has entry requirements, but no requirementsMet was given to check them`
          : `The deal does not meet the entry requirements of stage "${toStage.key}"`
      return refuse('requirementsUnmet', fromStage.key, toStage.key, message)
    }
  }
  for (const name of guardNames) {
    const guard = registry[name] as StageGuard
    const verdict = guard({
      pipeline,
      deal,
      fromStage,
      toStage,
      reopen: deal.isClosed,
      actor: ctx.actor ?? null,
      now: ctx.now,
    })
    if (verdict !== true) {
      const message =
        typeof verdict === 'string' && verdict !== ''
          ? verdict
          : `Guard "${name}" refused the move to stage "${toStage.key}"`
      return { ...base('guardRefused', fromStage.key, toStage.key), message, guard: name }
    }
  }
  return undefined
}

function base<R extends TransitionRefusalReason>(reason: R, fromStage: string, toStage: string) {
  return { ok: false as const, reason, fromStage, toStage }
}

function refuse(
  reason: 'sameStage' | 'closedNeedsReopen' | 'transitionNotAllowed' | 'requirementsUnmet',
  fromStage: string,
  toStage: string,
  message: string,
): TransitionRefusal {
  return { ...base(reason, fromStage, toStage), message }
}

function unknownStage(
  pipeline: PipelineDefinition,
  fromStage: string,
  toStage: string,
  stageKey: string,
  which: string,
): TransitionRefusal {
  const known = pipeline.stages.map((stage) => stage.key).join(', ')
  return {
    ...base('unknownStage', fromStage, toStage),
    message: `${which} "${stageKey}" is not in pipeline "${pipeline.key}"; its stages are: ${known}`,
    stageKey,
  }
}

function transitionNotAllowed(pipeline: PipelineDefinition, from: string, to: string): TransitionRefusal {
  const allowed = (pipeline.transitions ?? []).filter((move) => move.from === from).map((move) => move.to)
  const expected = allowed.length === 0 ? `no moves out of "${from}"` : `only ${allowed.join(', ')}`
  return refuse(
    'transitionNotAllowed',
    from,
    to,
    `Pipeline "${pipeline.key}" does not allow ${from} → ${to}; it allows ${expected}`,
  )
}
