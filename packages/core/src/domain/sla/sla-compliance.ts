import type { CasePriority } from '../cases/case-vocabulary'
import { SLA_METRICS, type SlaClockStatus, type SlaMetric } from './sla-metrics'

/** Calendar periods a compliance report can group by (UTC, by the clock's start), or one period for all. */
export const COMPLIANCE_PERIODS = ['day', 'month', 'quarter', 'year', 'all'] as const

/** One of {@link COMPLIANCE_PERIODS}. */
export type CompliancePeriod = (typeof COMPLIANCE_PERIODS)[number]

/** Dimensions besides period and metric. */
export const COMPLIANCE_DIMENSIONS = ['policy', 'priority'] as const

/** One of {@link COMPLIANCE_DIMENSIONS}. */
export type ComplianceDimension = (typeof COMPLIANCE_DIMENSIONS)[number]

/** The facts of one clock that the report reads. */
export interface ComplianceClock {
  readonly policyKey: string
  readonly priority: CasePriority
  readonly metric: SlaMetric
  readonly status: SlaClockStatus
  readonly startedAt: string
  /** Set when the measured reply or solution happened (late ones too). */
  readonly metAt: string | null
  readonly elapsedMinutes: number | null
}

/** One row of the compliance report. */
export interface ComplianceRow {
  /** `2026-03-02`, `2026-03`, `2026-Q1`, `2026`, or `all`. */
  readonly period: string
  /** Null when the report is not grouped by policy. */
  readonly policyKey: string | null
  /** Null when the report is not grouped by priority. */
  readonly priority: CasePriority | null
  readonly metric: SlaMetric
  /** Clocks in the group, cancelled ones included. */
  readonly clocks: number
  readonly met: number
  /** Breached clocks, running or stopped: a breach is final. */
  readonly breached: number
  /** Clocks still running within their target: not decided yet, left out of `metPercent`. */
  readonly open: number
  /** Clocks that stopped without measuring anything (no target any more, solved before a reply). */
  readonly cancelled: number
  /** met / (met + breached) × 100; null when nothing is decided. */
  readonly metPercent: number | null
  /** Mean elapsed minutes of the fulfilled clocks (late ones too); null when none. */
  readonly averageMinutes: number | null
  /** 90th percentile (nearest rank) of the same; null when none. */
  readonly p90Minutes: number | null
}

/**
 * Groups clocks by the period of their start, the chosen dimensions and the metric, and computes met %,
 * mean and p90 elapsed minutes (measured like each target: business minutes for business targets).
 * Rows come sorted by period, policy, priority, then metric in {@link SLA_METRICS} order.
 *
 * @example
 * ```ts
 * slaCompliance(clocks, 'month', ['priority'])
 * // [{ period: '2026-03', policyKey: null, priority: 'high', metric: 'firstResponse', metPercent: 75, ... }]
 * ```
 */
export function slaCompliance(
  clocks: readonly ComplianceClock[],
  period: CompliancePeriod,
  dimensions: readonly ComplianceDimension[],
): ComplianceRow[] {
  const groups = new Map<
    string,
    { row: Omit<ComplianceRow, 'metPercent' | 'averageMinutes' | 'p90Minutes'>; minutes: number[] }
  >()
  for (const clock of clocks) {
    const policyKey = dimensions.includes('policy') ? clock.policyKey : null
    const priority = dimensions.includes('priority') ? clock.priority : null
    const periodKey = periodOf(clock.startedAt, period)
    const key = JSON.stringify([periodKey, policyKey, priority, clock.metric])
    let group = groups.get(key)
    if (!group) {
      group = {
        row: {
          period: periodKey,
          policyKey,
          priority,
          metric: clock.metric,
          clocks: 0,
          met: 0,
          breached: 0,
          open: 0,
          cancelled: 0,
        },
        minutes: [],
      }
      groups.set(key, group)
    }
    const row = group.row as { -readonly [K in keyof typeof group.row]: (typeof group.row)[K] }
    row.clocks++
    if (clock.status === 'met') row.met++
    else if (clock.status === 'breached') row.breached++
    else if (clock.status === 'cancelled') row.cancelled++
    else row.open++
    if (clock.metAt !== null && clock.elapsedMinutes !== null) group.minutes.push(clock.elapsedMinutes)
  }
  const rows = [...groups.values()].map(({ row, minutes }): ComplianceRow => {
    const decided = row.met + row.breached
    return {
      ...row,
      metPercent: decided === 0 ? null : (row.met / decided) * 100,
      averageMinutes: minutes.length === 0 ? null : minutes.reduce((sum, m) => sum + m, 0) / minutes.length,
      p90Minutes: percentile(minutes, 0.9),
    }
  })
  return rows.sort(compareRows)
}

/** Nearest-rank percentile: the smallest value with at least `share` of the values at or below it. */
export function percentile(values: readonly number[], share: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!
}

function periodOf(instant: string, period: CompliancePeriod): string {
  switch (period) {
    case 'day':
      return instant.slice(0, 10)
    case 'month':
      return instant.slice(0, 7)
    case 'quarter':
      return `${instant.slice(0, 4)}-Q${Math.floor((Number(instant.slice(5, 7)) + 2) / 3)}`
    case 'year':
      return instant.slice(0, 4)
    case 'all':
      return 'all'
  }
}

const PRIORITY_ORDER: Record<CasePriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 }

function compareRows(a: ComplianceRow, b: ComplianceRow): number {
  return (
    compareText(a.period, b.period) ||
    compareText(a.policyKey ?? '', b.policyKey ?? '') ||
    (a.priority === null || b.priority === null
      ? 0
      : PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority]) ||
    SLA_METRICS.indexOf(a.metric) - SLA_METRICS.indexOf(b.metric)
  )
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
