import { DAY_MS } from '../../kernel/timestamps'
import type { PipelineDefinition } from './pipeline-definition'

/** A stored history entry, as the reports read it. */
export interface HistoryRow {
  readonly dealId: string
  readonly fromStage: string | null
  readonly toStage: string
  readonly occurredAt: string
  readonly dealVersion: number
}

/** How long deals stayed in one stage. */
export interface StageDuration {
  readonly stageKey: string
  /** Stays that ended (the deal left the stage). */
  readonly completedStays: number
  readonly averageDays: number | null
  readonly medianDays: number | null
  /** Deals in the stage now, and how long they have been there on average. */
  readonly currentDeals: number
  readonly currentAverageDays: number | null
}

function byDeal(history: readonly HistoryRow[]): Map<string, HistoryRow[]> {
  const out = new Map<string, HistoryRow[]>()
  for (const row of history) {
    const list = out.get(row.dealId) ?? []
    list.push(row)
    out.set(row.dealId, list)
  }
  for (const list of out.values()) list.sort((a, b) => a.dealVersion - b.dealVersion)
  return out
}

function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Time spent in each open stage of a pipeline, from its deals' stage history: a stay runs from entering a
 * stage to the next entry. Closed stages are left out (a deal stays in them by design).
 */
export function timeInStage(
  pipeline: PipelineDefinition,
  history: readonly HistoryRow[],
  now: string,
): StageDuration[] {
  const completed = new Map<string, number[]>()
  const current = new Map<string, number[]>()
  for (const rows of byDeal(history).values()) {
    rows.forEach((row, i) => {
      const next = rows[i + 1]
      const days = (Date.parse(next ? next.occurredAt : now) - Date.parse(row.occurredAt)) / DAY_MS
      const bucket = next ? completed : current
      bucket.set(row.toStage, [...(bucket.get(row.toStage) ?? []), days])
    })
  }
  return pipeline.stages
    .filter((s) => !s.isClosed)
    .map((stage) => ({
      stageKey: stage.key,
      completedStays: completed.get(stage.key)?.length ?? 0,
      averageDays: average(completed.get(stage.key) ?? []),
      medianDays: median(completed.get(stage.key) ?? []),
      currentDeals: current.get(stage.key)?.length ?? 0,
      currentAverageDays: average(current.get(stage.key) ?? []),
    }))
}

/** One step of a conversion funnel. */
export interface FunnelStep {
  readonly stageKey: string
  /** Deals that were ever in this stage. */
  readonly reached: number
  /** Of those, deals that later reached a later stage (in pipeline order), won stages included. */
  readonly advanced: number
  /** advanced / reached; null when no deal reached the stage, or for the last step (nowhere further to go). */
  readonly conversionRate: number | null
}

/**
 * The stage-to-stage conversion funnel over the pipeline's open stages and its won stages, in pipeline
 * order. A deal that skipped a stage has not reached it.
 */
export function conversionFunnel(pipeline: PipelineDefinition, history: readonly HistoryRow[]): FunnelStep[] {
  const steps = pipeline.stages.filter((s) => !s.isClosed || s.isWon)
  const position = new Map(steps.map((s, i) => [s.key, i]))
  const reached = steps.map(() => 0)
  const advanced = steps.map(() => 0)
  for (const rows of byDeal(history).values()) {
    const seen = new Set<number>()
    for (const row of rows) {
      const p = position.get(row.toStage)
      if (p !== undefined) seen.add(p)
    }
    const furthest = Math.max(-1, ...seen)
    for (const p of seen) {
      reached[p]!++
      if (furthest > p) advanced[p]!++
    }
  }
  return steps.map((stage, i) => ({
    stageKey: stage.key,
    reached: reached[i]!,
    advanced: advanced[i]!,
    conversionRate: reached[i]! === 0 || i === steps.length - 1 ? null : advanced[i]! / reached[i]!,
  }))
}

/** A closed deal, as the win-rate and cycle reports read it. */
export interface ClosedDealFacts {
  readonly createdAt: string
  readonly closedAt: string
  readonly isWon: boolean
}

/** Win rate and sales cycle over closed deals. */
export interface ClosedDealStats {
  readonly won: number
  readonly lost: number
  /** won / (won + lost); null when no deal closed. */
  readonly winRate: number | null
  /** Average days from creation to close of won deals; null when none was won. */
  readonly averageSalesCycleDays: number | null
  readonly medianSalesCycleDays: number | null
}

/** Win rate and sales cycle (creation → won) of closed deals. */
export function closedDealStats(deals: readonly ClosedDealFacts[]): ClosedDealStats {
  const won = deals.filter((d) => d.isWon)
  const cycles = won.map((d) => (Date.parse(d.closedAt) - Date.parse(d.createdAt)) / DAY_MS)
  return {
    won: won.length,
    lost: deals.length - won.length,
    winRate: deals.length === 0 ? null : won.length / deals.length,
    averageSalesCycleDays: average(cycles),
    medianSalesCycleDays: median(cycles),
  }
}

/** An open deal, as the rotting report reads it. */
export interface RotCandidate {
  readonly id: string
  readonly stageKey: string
  readonly stageEnteredAt: string
  readonly updatedAt: string
}

/** A rotting deal and since when. */
export interface RottingDeal {
  readonly dealId: string
  readonly stageKey: string
  /** The last activity or update in the current stage. */
  readonly lastTouchedAt: string
  readonly rottingSince: string
  readonly daysRotting: number
}

/**
 * Deals that rot (Pipedrive's rule): `rotDays` after their last activity or update in their current stage.
 * Only activities that already happened count; a scheduled future one does not keep a deal fresh.
 *
 * @param lastActivityAt - per deal id, the latest activity at or before `now`
 */
export function rottingDeals(
  pipeline: PipelineDefinition,
  deals: readonly RotCandidate[],
  lastActivityAt: ReadonlyMap<string, string>,
  now: string,
): RottingDeal[] {
  const nowMs = Date.parse(now)
  const out: RottingDeal[] = []
  for (const deal of deals) {
    const stage = pipeline.stages.find((s) => s.key === deal.stageKey)
    if (!stage || stage.isClosed || stage.rotDays === undefined) continue
    const activity = lastActivityAt.get(deal.id)
    const candidates = [
      deal.updatedAt,
      deal.stageEnteredAt,
      ...(activity && activity > deal.stageEnteredAt ? [activity] : []),
    ]
    // ISO timestamps in canonical form: the latest is the greatest string.
    const lastTouchedAt = [...candidates].sort().at(-1)!
    const rotMs = Date.parse(lastTouchedAt) + stage.rotDays * DAY_MS
    if (rotMs <= nowMs) {
      out.push({
        dealId: deal.id,
        stageKey: deal.stageKey,
        lastTouchedAt,
        rottingSince: new Date(rotMs).toISOString(),
        daysRotting: (nowMs - rotMs) / DAY_MS,
      })
    }
  }
  return out.sort((a, b) => b.daysRotting - a.daysRotting || (a.dealId < b.dealId ? -1 : 1))
}
