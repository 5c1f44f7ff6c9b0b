import { z } from 'zod'
import { isTimeZone } from '../../kernel/time-zone'
import { WEEKDAYS, type Weekday } from '../consent'
import { dayNumberOfIsoDate } from './local-date'

/**
 * One stretch of business hours in local wall-clock time. `from` is inclusive, `to` exclusive; `to` may be
 * `'24:00'` (until midnight).
 *
 * @example
 * ```ts
 * const morning: BusinessHoursInterval = { from: '09:00', to: '12:30' }
 * ```
 */
export interface BusinessHoursInterval {
  /** Opening time, `HH:mm` (00:00–23:59). */
  readonly from: string
  /** Closing time, `HH:mm` after `from`; `'24:00'` means midnight at the end of the day. */
  readonly to: string
}

/**
 * Business hours per weekday. A missing or empty day is closed. Intervals of one day must not overlap;
 * touching (`12:00` end, `12:00` start) is fine.
 *
 * @example
 * ```ts
 * const weekly: WeeklyBusinessHours = {
 *   mon: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }],
 * }
 * ```
 */
export type WeeklyBusinessHours = { readonly [day in Weekday]?: readonly BusinessHoursInterval[] }

/**
 * What an app writes to describe when its team works: a zone, weekly hours, whole days off.
 *
 * @example
 * ```ts
 * const definition: BusinessCalendarDefinition = {
 *   timeZone: 'Europe/Berlin',
 *   weekly: { mon: [{ from: '09:00', to: '17:00' }], fri: [{ from: '09:00', to: '15:00' }] },
 *   holidays: ['2026-12-25', '2026-12-26'],
 * }
 * ```
 */
export interface BusinessCalendarDefinition {
  /** IANA time zone the weekly hours and holidays are read in, e.g. `Europe/Berlin`. */
  readonly timeZone: string
  /** Business hours per weekday, in the zone's wall-clock time. At least one interval is required. */
  readonly weekly: WeeklyBusinessHours
  /**
   * Local dates (`YYYY-MM-DD`, in `timeZone`) that are closed all day.
   * @default []
   */
  readonly holidays?: readonly string[]
}

const openingTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a wall-clock time "HH:mm"')
const closingTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Expected a wall-clock time "HH:mm" (or "24:00")')

const intervalSchema = z
  .object({ from: openingTime, to: closingTime })
  .strict()
  // Zero-padded HH:mm strings sort like the times they name.
  .refine((interval) => interval.from < interval.to, { message: '"from" must be before "to"', path: ['to'] })

const dayIntervals = z.array(intervalSchema).optional()

const weeklySchema = z
  .object({
    mon: dayIntervals,
    tue: dayIntervals,
    wed: dayIntervals,
    thu: dayIntervals,
    fri: dayIntervals,
    sat: dayIntervals,
    sun: dayIntervals,
  })
  .strict()
  .superRefine((weekly, ctx) => {
    let intervalCount = 0
    for (const day of WEEKDAYS) {
      const intervals = weekly[day] ?? []
      intervalCount += intervals.length
      const order = intervals.map((_, index) => index).sort((a, b) => byFrom(intervals, a, b))
      // Compare with the interval reaching furthest so far, so 09–17 vs 10–11 vs 12–13 flags both.
      let furthest: BusinessHoursInterval | undefined
      for (const index of order) {
        const current = intervals[index]!
        if (furthest && current.from < furthest.to) {
          ctx.addIssue({
            code: 'custom',
            message: `Overlaps ${furthest.from}–${furthest.to} on ${day}`,
            path: [day, index],
          })
        }
        if (!furthest || current.to > furthest.to) furthest = current
      }
    }
    if (intervalCount === 0) {
      ctx.addIssue({ code: 'custom', message: 'Expected at least one business-hours interval' })
    }
  })

function byFrom(intervals: readonly BusinessHoursInterval[], a: number, b: number): number {
  const [first, second] = [intervals[a]!.from, intervals[b]!.from]
  return first < second ? -1 : first > second ? 1 : 0
}

/**
 * Validates a {@link BusinessCalendarDefinition}: a zone `Intl` knows, `HH:mm` times with `from` before
 * `to`, no overlapping intervals within a day, at least one interval in the week, real `YYYY-MM-DD` dates.
 *
 * @example
 * ```ts
 * const definition = validate(businessCalendarDefinitionSchema, input, 'business calendar')
 * ```
 */
export const businessCalendarDefinitionSchema: z.ZodType<BusinessCalendarDefinition> = z
  .object({
    timeZone: z.string().refine(isTimeZone, 'Expected an IANA time zone like "Europe/Berlin"'),
    weekly: weeklySchema,
    holidays: z
      .array(
        z
          .string()
          .refine((date) => dayNumberOfIsoDate(date) !== undefined, 'Expected a local date "YYYY-MM-DD"'),
      )
      .optional(),
  })
  .strict()
