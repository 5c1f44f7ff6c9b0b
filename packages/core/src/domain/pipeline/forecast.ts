import { compareCodePoints } from '../../kernel/text'
import type { ForecastCategory } from './forecast-categories'

/** Periods a forecast groups close dates by. */
export const FORECAST_PERIODS = ['month', 'quarter', 'year'] as const
/** One of {@link FORECAST_PERIODS}. */
export type ForecastPeriod = (typeof FORECAST_PERIODS)[number]

/** Dimensions a forecast can group by besides period and currency. */
export const FORECAST_DIMENSIONS = ['owner', 'pipeline', 'forecastCategory'] as const
/** One of {@link FORECAST_DIMENSIONS}. */
export type ForecastDimension = (typeof FORECAST_DIMENSIONS)[number]

/** The fields of an open deal a forecast reads. */
export interface ForecastDeal {
  readonly closeDate: string | null
  readonly currency: string
  readonly ownerId: string | null
  readonly pipelineId: string
  readonly forecastCategory: ForecastCategory
  readonly amountMinor: number | null
  readonly expectedRevenueMinor: number | null
}

/** One line of a forecast. Dimensions not grouped by are absent. */
export interface ForecastRow {
  /** `2026-03`, `2026-Q1` or `2026`; null for deals without a close date. */
  readonly period: string | null
  readonly currency: string
  readonly ownerId?: string | null
  readonly pipelineId?: string
  readonly forecastCategory?: ForecastCategory
  readonly dealCount: number
  /** Σ amount (deals without an amount count as 0). */
  readonly amountMinor: number
  /** Σ amount × probability: the weighted pipeline, from each deal's rounded expected revenue. */
  readonly weightedAmountMinor: number
}

/** The period a calendar date falls in. */
export function periodOf(date: string | null, period: ForecastPeriod): string | null {
  if (date === null) return null
  if (period === 'year') return date.slice(0, 4)
  if (period === 'month') return date.slice(0, 7)
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) + 2) / 3)}`
}

function compareKeys(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null
    const y = b[i] ?? null
    if (x === y) continue
    if (x === null) return 1
    if (y === null) return -1
    return compareCodePoints(x, y)
  }
  return 0
}

/** The keys of a row in order: period, currency, then the grouped dimensions. */
export function forecastRowKeys(
  row: ForecastRow,
  dimensions: readonly ForecastDimension[],
): (string | null)[] {
  const keys: (string | null)[] = [row.period, row.currency]
  for (const d of dimensions) {
    keys.push(
      d === 'owner'
        ? (row.ownerId ?? null)
        : d === 'pipeline'
          ? (row.pipelineId ?? null)
          : (row.forecastCategory ?? null),
    )
  }
  return keys
}

/** Sorts forecast rows by period (no date last), currency and dimensions, by code point. */
export function sortForecastRows(
  rows: readonly ForecastRow[],
  dimensions: readonly ForecastDimension[],
): ForecastRow[] {
  return [...rows].sort((a, b) => compareKeys(forecastRowKeys(a, dimensions), forecastRowKeys(b, dimensions)))
}

/**
 * The weighted forecast of open deals, grouped by close period and currency (amounts in different
 * currencies never add up) and the chosen dimensions. The pure twin of `deals.forecast`, which computes the
 * same in SQL.
 *
 * @example
 * ```ts
 * weightedForecast(openDeals, 'quarter', ['owner'])
 * // [{ period: '2026-Q2', currency: 'EUR', ownerId: 'usr_1', dealCount: 3, amountMinor: 900000, weightedAmountMinor: 410000 }]
 * ```
 */
export function weightedForecast(
  deals: readonly ForecastDeal[],
  period: ForecastPeriod,
  dimensions: readonly ForecastDimension[] = [],
): ForecastRow[] {
  const groups = new Map<string, { row: ForecastRow; count: number; amount: number; weighted: number }>()
  for (const deal of deals) {
    const base: ForecastRow = {
      period: periodOf(deal.closeDate, period),
      currency: deal.currency,
      ...(dimensions.includes('owner') ? { ownerId: deal.ownerId } : {}),
      ...(dimensions.includes('pipeline') ? { pipelineId: deal.pipelineId } : {}),
      ...(dimensions.includes('forecastCategory') ? { forecastCategory: deal.forecastCategory } : {}),
      dealCount: 0,
      amountMinor: 0,
      weightedAmountMinor: 0,
    }
    const key = JSON.stringify(forecastRowKeys(base, dimensions))
    const group = groups.get(key) ?? { row: base, count: 0, amount: 0, weighted: 0 }
    group.count += 1
    group.amount += deal.amountMinor ?? 0
    group.weighted += deal.expectedRevenueMinor ?? 0
    groups.set(key, group)
  }
  const rows = [...groups.values()].map((g) => ({
    ...g.row,
    dealCount: g.count,
    amountMinor: g.amount,
    weightedAmountMinor: g.weighted,
  }))
  return sortForecastRows(rows, dimensions)
}
