import { validate } from '../../errors/validate'
import type { BusinessDay } from './business-day'
import { businessCalendarDefinitionSchema } from './calendar-definition'
import { BusinessCalendar } from './compiled-calendar'
import { MS_PER_MINUTE, mondayOfWeek, weekdayOfDay, weekOfDay } from './local-date'

export {
  type BusinessCalendarDefinition,
  type BusinessHoursInterval,
  businessCalendarDefinitionSchema,
  type WeeklyBusinessHours,
} from './calendar-definition'
export type { BusinessCalendar } from './compiled-calendar'

const LATEST_INSTANT_MS = 8.64e15
const BEYOND_DATE_RANGE = 'Business time reaches beyond the range a Date can hold'

/**
 * Validates a business-calendar definition and compiles it for fast arithmetic.
 *
 * Time-zone rules, decided once here for every function of this module:
 * - Weekly hours are local wall-clock times, converted to instants per local date, so DST is honoured.
 * - A wall time that does not exist (spring-forward gap) moves forward by the gap, as Temporal's
 *   `'compatible'` disambiguation does: with a 02:00→03:00 change, 01:00–04:00 opens at 01:00 and closes
 *   at 04:00 summer time, two hours long; an opening at 02:30 opens at 03:30.
 * - A wall time that happens twice (fall-back overlap) means the earlier instant, also `'compatible'`:
 *   with a 03:00→02:00 change, 01:00–04:00 lasts four hours.
 * - Holidays are local dates in the calendar's zone and close the whole date.
 *
 * Compiling costs a few hundred µs (mostly building an `Intl.DateTimeFormat`) and the calendar keeps
 * bounded caches of resolved dates (up to about 5½ years' worth), so create one per definition and reuse it.
 *
 * @throws {ValidationError} (`code === 'validation'`) for an unknown zone, a malformed or reversed
 * interval, overlapping intervals in a day, a week without any interval, or a malformed holiday.
 * @example
 * ```ts
 * const calendar = createBusinessCalendar({
 *   timeZone: 'Europe/Berlin',
 *   weekly: { mon: [{ from: '09:00', to: '17:00' }], tue: [{ from: '09:00', to: '17:00' }] },
 *   holidays: ['2026-12-25'],
 * })
 * ```
 */
export function createBusinessCalendar(definition: unknown): BusinessCalendar {
  return new BusinessCalendar(validate(businessCalendarDefinitionSchema, definition, 'business calendar'))
}

/**
 * The instant at which `minutes` of business time have elapsed since `start`. A start outside business
 * hours counts from the next opening; a target that runs out exactly at a closing returns that closing.
 * With a `null` calendar the clock runs 24×7 (plain addition). Minutes are rounded to whole milliseconds.
 * Cost grows with the weeks spanned, not the minutes: whole weeks are skipped using cached totals.
 *
 * @param minutes Finite and ≥ 0; `0` returns `start` itself.
 * @throws {RangeError} for negative or non-finite minutes, an invalid `start`, or a result beyond the
 * range of `Date`.
 * @example
 * ```ts
 * // Mon–Fri 09:00–17:00 in Europe/Berlin: Friday 16:30 + 8h is Monday 16:30.
 * addBusinessTime(new Date('2026-03-27T15:30:00Z'), 480, calendar) // 2026-03-30T14:30:00.000Z
 * ```
 */
export function addBusinessTime(start: Date, minutes: number, calendar: BusinessCalendar | null): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Expected business minutes to be a finite number ≥ 0, got ${minutes}`)
  }
  const startMs = instantOf(start, 'start')
  const durationMs = Math.round(minutes * MS_PER_MINUTE)
  if (durationMs === 0) return start
  // Business time never runs faster than the clock: fail now rather than walk towards the end of time.
  if (startMs + durationMs > LATEST_INSTANT_MS) throw new RangeError(BEYOND_DATE_RANGE)
  const endMs = calendar === null ? startMs + durationMs : addBusinessMs(calendar, startMs, durationMs)
  if (endMs > LATEST_INSTANT_MS) throw new RangeError(BEYOND_DATE_RANGE)
  return new Date(endMs)
}

/**
 * Business minutes between two instants, fractional to the millisecond. Negative when `to` is before
 * `from` (`between(a, b) === -between(b, a)`). With a `null` calendar every minute counts.
 *
 * @throws {RangeError} for an invalid Date.
 * @example
 * ```ts
 * // Mon–Fri 09:00–17:00: Friday 16:30 to Monday 09:15 is 45 business minutes.
 * businessTimeBetween(new Date('2026-03-27T15:30:00Z'), new Date('2026-03-30T07:15:00Z'), calendar) // 45
 * ```
 */
export function businessTimeBetween(from: Date, to: Date, calendar: BusinessCalendar | null): number {
  const fromMs = instantOf(from, 'from')
  const toMs = instantOf(to, 'to')
  // `0 - x`, not `-x`: an empty reversed span is 0, never -0.
  if (toMs < fromMs) return 0 - businessTimeBetween(to, from, calendar)
  if (calendar === null) return (toMs - fromMs) / MS_PER_MINUTE
  return businessMsBetween(calendar, fromMs, toMs) / MS_PER_MINUTE
}

/**
 * True when `instant` lies inside business hours (an opening counts, a closing does not). Always true for
 * a `null` calendar.
 *
 * @example
 * ```ts
 * isBusinessTime(new Date('2026-03-30T07:00:00Z'), calendar) // true: Monday 09:00 in Berlin
 * ```
 */
export function isBusinessTime(instant: Date, calendar: BusinessCalendar | null): boolean {
  const instantMs = instantOf(instant, 'instant')
  if (calendar === null) return true
  const openings = calendar.day(calendar.dayNumberAt(instantMs)).openings
  for (let i = 0; i < openings.length; i += 2) {
    if (openings[i]! <= instantMs && instantMs < openings[i + 1]!) return true
  }
  return false
}

/**
 * The first instant at or after `instant` that is business time: `instant` itself when it already is (and
 * always for a `null` calendar), otherwise the next opening.
 *
 * @example
 * ```ts
 * nextBusinessStart(new Date('2026-03-27T16:00:00Z'), calendar) // Friday 17:00 Berlin → Monday 07:00Z
 * ```
 */
export function nextBusinessStart(instant: Date, calendar: BusinessCalendar | null): Date {
  const instantMs = instantOf(instant, 'instant')
  if (calendar === null) return instant
  let dayNumber = calendar.dayNumberAt(instantMs)
  const openings = calendar.day(dayNumber).openings
  for (let i = 0; i < openings.length; i += 2) {
    if (instantMs < openings[i + 1]!) return openings[i]! <= instantMs ? instant : new Date(openings[i]!)
  }
  dayNumber++
  while (weekdayOfDay(dayNumber) !== 0 && calendar.day(dayNumber).businessMs === 0) dayNumber++
  if (weekdayOfDay(dayNumber) === 0) {
    let week = weekOfDay(dayNumber)
    while (calendar.weekBusinessMs(week) === 0) week++
    dayNumber = mondayOfWeek(week)
  }
  while (calendar.day(dayNumber).businessMs === 0) dayNumber++
  return new Date(calendar.day(dayNumber).openings[0]!)
}

function instantOf(date: Date, name: string): number {
  const ms = date.getTime()
  if (Number.isNaN(ms)) throw new RangeError(`Expected ${name} to be a valid Date`)
  return ms
}

/** Walks the partial first date, whole dates to the next Monday, whole weeks, then whole dates. */
function addBusinessMs(calendar: BusinessCalendar, startMs: number, durationMs: number): number {
  let dayNumber = calendar.dayNumberAt(startMs)
  let remainingMs = durationMs
  const firstDay = calendar.day(dayNumber)
  const openAfterStart = businessMsWithin(firstDay, startMs, Number.POSITIVE_INFINITY)
  if (remainingMs <= openAfterStart) return instantAfter(firstDay, startMs, remainingMs)
  remainingMs -= openAfterStart
  dayNumber++
  for (; weekdayOfDay(dayNumber) !== 0; dayNumber++) {
    const day = calendar.day(dayNumber)
    if (remainingMs <= day.businessMs) return instantAfter(day, day.startMs, remainingMs)
    remainingMs -= day.businessMs
  }
  // Skip whole weeks only when the rest outlasts a typical week: a week total resolves all seven dates,
  // wasted work on a cold cache when the target ends on the Monday. Strictly greater: a target ending
  // exactly with a week ends at that week's last closing.
  if (remainingMs > calendar.typicalWeekMs) {
    let week = weekOfDay(dayNumber)
    let weekMs = calendar.weekBusinessMs(week)
    while (remainingMs > weekMs) {
      remainingMs -= weekMs
      weekMs = calendar.weekBusinessMs(++week)
    }
    dayNumber = mondayOfWeek(week)
  }
  for (; ; dayNumber++) {
    const day = calendar.day(dayNumber)
    if (remainingMs <= day.businessMs) return instantAfter(day, day.startMs, remainingMs)
    remainingMs -= day.businessMs
  }
}

/** Sums the partial first and last dates and the whole dates and weeks between them. */
function businessMsBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  const firstDayNumber = calendar.dayNumberAt(fromMs)
  const lastDayNumber = calendar.dayNumberAt(toMs)
  if (firstDayNumber === lastDayNumber) return businessMsWithin(calendar.day(firstDayNumber), fromMs, toMs)
  let businessMs =
    businessMsWithin(calendar.day(firstDayNumber), fromMs, Number.POSITIVE_INFINITY) +
    businessMsWithin(calendar.day(lastDayNumber), Number.NEGATIVE_INFINITY, toMs)
  let dayNumber = firstDayNumber + 1
  for (; dayNumber < lastDayNumber && weekdayOfDay(dayNumber) !== 0; dayNumber++) {
    businessMs += calendar.day(dayNumber).businessMs
  }
  for (; dayNumber + 7 <= lastDayNumber; dayNumber += 7) {
    businessMs += calendar.weekBusinessMs(weekOfDay(dayNumber))
  }
  for (; dayNumber < lastDayNumber; dayNumber++) businessMs += calendar.day(dayNumber).businessMs
  return businessMs
}

/** Business time of one date that falls within [fromMs, toMs). */
function businessMsWithin(day: BusinessDay, fromMs: number, toMs: number): number {
  const openings = day.openings
  let businessMs = 0
  for (let i = 0; i < openings.length; i += 2) {
    const open = Math.max(openings[i]!, fromMs)
    const close = Math.min(openings[i + 1]!, toMs)
    if (close > open) businessMs += close - open
  }
  return businessMs
}

/** The instant in `day` at which `durationMs` of its business time after `fromMs` has elapsed. */
function instantAfter(day: BusinessDay, fromMs: number, durationMs: number): number {
  const openings = day.openings
  let remainingMs = durationMs
  for (let i = 0; i < openings.length; i += 2) {
    const open = Math.max(openings[i]!, fromMs)
    const close = openings[i + 1]!
    if (close <= open) continue
    if (remainingMs <= close - open) return open + remainingMs
    remainingMs -= close - open
  }
  throw new Error('Business calendar invariant broken: the date has less business time than counted')
}
