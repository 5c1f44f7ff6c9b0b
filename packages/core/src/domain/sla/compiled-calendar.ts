import { WEEKDAYS } from '../consent'
import { BoundedCache } from './bounded-cache'
import { type BusinessDay, resolveBusinessDay } from './business-day'
import type { BusinessCalendarDefinition } from './calendar-definition'
import { dayNumberOfIsoDate, MS_PER_DAY, MS_PER_MINUTE, mondayOfWeek, weekdayOfDay } from './local-date'
import { createZoneOffsetLookup, type ZoneOffsetLookup } from './zone-offset'

/** Up to about 5½ years of dates (at least half that survives eviction); each costs about 100 bytes. */
const DAY_CACHE_LIMIT = 2048
const WEEK_CACHE_LIMIT = 512
const PROBE_CACHE_LIMIT = 2048
const PROBE_SHIFT_MS = 2 * 3_600_000
const DAYS_IN_DATE_RANGE = 100_000_000

/**
 * A validated business calendar, compiled for fast arithmetic: weekly hours as minute intervals, holidays
 * as a set, and bounded caches of each local date's UTC bounds and of each week's business time. Create
 * one with `createBusinessCalendar`; it is immutable from the outside and safe to share.
 *
 * @example
 * ```ts
 * const calendar: BusinessCalendar = createBusinessCalendar({ timeZone: 'Asia/Tokyo', weekly })
 * calendar.timeZone // 'Asia/Tokyo'
 * ```
 */
export class BusinessCalendar {
  /** The IANA time zone the calendar is read in. */
  readonly timeZone: string
  /** The validated definition this calendar was compiled from. */
  readonly definition: BusinessCalendarDefinition
  /** @internal Business time (ms) of a week without holidays or DST changes. */
  readonly typicalWeekMs: number
  readonly #wallMinutesByWeekday: readonly (readonly number[])[]
  readonly #holidays: ReadonlySet<number>
  readonly #offsetAt: ZoneOffsetLookup
  readonly #probes = new BoundedCache<number, number>(PROBE_CACHE_LIMIT)
  readonly #days = new BoundedCache<number, BusinessDay>(DAY_CACHE_LIMIT)
  readonly #weeks = new BoundedCache<number, number>(WEEK_CACHE_LIMIT)

  /** @internal Use `createBusinessCalendar`, which validates the definition first. */
  constructor(definition: BusinessCalendarDefinition) {
    this.timeZone = definition.timeZone
    this.definition = definition
    this.#wallMinutesByWeekday = WEEKDAYS.map((day) => wallMinutesOf(definition.weekly[day] ?? []))
    this.typicalWeekMs = this.#wallMinutesByWeekday.reduce(
      (weekMs, minutes) => weekMs + durationOf(minutes) * MS_PER_MINUTE,
      0,
    )
    this.#holidays = new Set((definition.holidays ?? []).map((date) => dayNumberOfIsoDate(date)!))
    this.#offsetAt = createZoneOffsetLookup(definition.timeZone)
  }

  /** @internal One local date (days since 1970-01-01) resolved to instants. */
  day(dayNumber: number): BusinessDay {
    return this.#days.getOrCompute(dayNumber, this.#resolveDay)
  }

  /** @internal Business time (ms) of the Monday-to-Sunday week with this index. */
  weekBusinessMs(week: number): number {
    return this.#weeks.getOrCompute(week, this.#sumWeek)
  }

  /** @internal The local date (day number) an instant falls on. */
  dayNumberAt(instantMs: number): number {
    // Offsets stay within ±14h, so the UTC date is the local one or a neighbour.
    let dayNumber = Math.floor(instantMs / MS_PER_DAY)
    while (instantMs < this.day(dayNumber).startMs) dayNumber--
    while (instantMs >= this.day(dayNumber + 1).startMs) dayNumber++
    return dayNumber
  }

  readonly #resolveDay = (dayNumber: number): BusinessDay => {
    if (Math.abs(dayNumber) > DAYS_IN_DATE_RANGE) {
      throw new RangeError('Business time reaches beyond the range a Date can hold')
    }
    const closed = this.#holidays.has(dayNumber)
    const wallMinutes = closed ? [] : this.#wallMinutesByWeekday[weekdayOfDay(dayNumber)]!
    // Wall times of this date denote instants from midnight - 14h to next midnight + 12h (offsets lie in
    // -12h..+14h). The probes sit just outside that span, three days apart: the offsets before and after.
    return resolveBusinessDay(dayNumber, wallMinutes, {
      offsetAt: this.#offsetAt,
      offsetBefore: this.#probes.getOrCompute(dayNumber - 1, this.#probeOffset),
      offsetAfter: this.#probes.getOrCompute(dayNumber + 2, this.#probeOffset),
    })
  }

  readonly #probeOffset = (dayNumber: number): number =>
    this.#offsetAt(dayNumber * MS_PER_DAY - PROBE_SHIFT_MS)

  readonly #sumWeek = (week: number): number => {
    const monday = mondayOfWeek(week)
    let businessMs = 0
    for (let i = 0; i < 7; i++) businessMs += this.day(monday + i).businessMs
    return businessMs
  }
}

/** `[{ from: '09:00', to: '12:00' }, ...]` → `[540, 720, ...]`, sorted, with touching intervals joined. */
function wallMinutesOf(intervals: readonly { from: string; to: string }[]): number[] {
  const sorted = intervals
    .map((interval) => [minutesOf(interval.from), minutesOf(interval.to)] as const)
    .sort((a, b) => a[0] - b[0])
  const minutes: number[] = []
  for (const [from, to] of sorted) {
    if (minutes.length > 0 && minutes[minutes.length - 1] === from) {
      minutes[minutes.length - 1] = to
    } else {
      minutes.push(from, to)
    }
  }
  return minutes
}

/** Total minutes of `[from, to, from, to, ...]`. */
function durationOf(wallMinutes: readonly number[]): number {
  let minutes = 0
  for (let i = 0; i + 1 < wallMinutes.length; i += 2) minutes += wallMinutes[i + 1]! - wallMinutes[i]!
  return minutes
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
}
