import { type BusinessCalendar, businessTimeBetween } from '@rapport/core'

/** How far back the search looks: a month holds far more business time than any demo target. */
const SEARCH_BACK_MS = 31 * 24 * 60 * 60_000

/**
 * The latest instant `minutes` business minutes before `end`: Rapport adds business time but does not
 * subtract it, so this searches for it. Business time between an instant and `end` shrinks as the instant
 * moves later, so a bisection to the millisecond finds it.
 *
 * @example
 * ```ts
 * // Wednesday 14:00 in New York, 300 business minutes back, in a 09:00–17:00 calendar: 09:00 that day.
 * businessTimeBefore(new Date('2026-06-10T18:00:00Z'), 300, calendar) // 2026-06-10T13:00:00.000Z
 * ```
 */
export function businessTimeBefore(end: Date, minutes: number, calendar: BusinessCalendar): Date {
  let early = end.getTime() - SEARCH_BACK_MS
  let late = end.getTime()
  if (businessTimeBetween(new Date(early), end, calendar) < minutes) {
    throw new RangeError(`No ${minutes} business minutes in the month before ${end.toISOString()}`)
  }
  // Invariant: at least `minutes` between `early` and `end`, fewer between `late` and `end`.
  while (late - early > 1) {
    const middle = Math.floor((early + late) / 2)
    if (businessTimeBetween(new Date(middle), end, calendar) >= minutes) early = middle
    else late = middle
  }
  return new Date(early)
}
