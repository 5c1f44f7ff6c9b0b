import { z } from 'zod'

/**
 * An instant as an ISO 8601 string in UTC with milliseconds, e.g. `2026-11-22T09:30:00.000Z`.
 * Every timestamp Rapport returns has exactly this shape, so strings compare in time order.
 */
export type IsoTimestamp = string

// Date.UTC maps years 0-99 to 1900-1999, so the first instant of year 1 is set with setUTCFullYear.
const MIN_MS = new Date(0).setUTCFullYear(1, 0, 1)
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

// Date-time with seconds optional, any fraction, and Z or an offset: the forms z.iso.datetime({ offset })
// accepts. Calendar validity (no 30 February) is checked separately, since Date.parse rolls over.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** Milliseconds of an ISO date-time string, or NaN when it is not one. */
export function parseIsoDateTime(value: string): number {
  const match = ISO_DATE_TIME.exec(value)
  if (!match) return Number.NaN
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return Number.NaN
  return Date.parse(value)
}

/** Turns a Date into Rapport's canonical timestamp string. */
export function toIsoTimestamp(date: Date): IsoTimestamp {
  return date.toISOString()
}

/**
 * Accepts a `Date` or an ISO 8601 date-time string with `Z` or an offset, and yields the canonical UTC
 * form. Years outside 0001–9999 are refused so that the string form sorts in time order. A string already
 * in canonical form passes through untouched.
 */
export const timestampInput = z.union([z.string(), z.date()]).transform((value, ctx) => {
  if (typeof value === 'string' && CANONICAL.test(value) && parseIsoDateTime(value) === Date.parse(value)) {
    const ms = Date.parse(value)
    if (ms >= MIN_MS && ms <= MAX_MS) return value
  }
  const ms = typeof value === 'string' ? parseIsoDateTime(value) : value.getTime()
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'Expected an ISO 8601 date-time with Z or an offset, or a Date' })
    return z.NEVER
  }
  if (ms < MIN_MS || ms > MAX_MS) {
    ctx.addIssue({ code: 'custom', message: 'Expected a date between the years 1 and 9999' })
    return z.NEVER
  }
  return new Date(ms).toISOString()
})

/** Input type of a timestamp: a Date or an ISO 8601 string. */
export type TimestampInput = Date | string

/** Milliseconds in one day, used by the relative-day filter operators. */
export const DAY_MS = 86_400_000

/** `iso` moved by a number of whole days (24-hour periods). */
export function addDays(iso: IsoTimestamp, days: number): IsoTimestamp {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString()
}
