/**
 * Forecast categories, from "not counted" to "booked". The names follow Salesforce's defaults:
 * `omitted` is left out of every forecast, `closed` is money already won.
 */
export const FORECAST_CATEGORIES = ['omitted', 'pipeline', 'bestCase', 'commit', 'closed'] as const

/** One of {@link FORECAST_CATEGORIES}. */
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number]

/**
 * The only category a closed stage may have: `closed` when won, `omitted` when lost (Salesforce's Closed
 * Won / Closed Lost). A lost deal is then out of every forecast, a won one counts as booked.
 *
 * @example
 * ```ts
 * closedStageForecastCategory(true) // 'closed'
 * closedStageForecastCategory(false) // 'omitted'
 * ```
 */
export function closedStageForecastCategory(isWon: boolean): 'closed' | 'omitted' {
  return isWon ? 'closed' : 'omitted'
}
