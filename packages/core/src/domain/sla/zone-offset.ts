/** Returns the UTC offset (local minus UTC, in ms) in force at an instant. */
export type ZoneOffsetLookup = (instantMs: number) => number

const LATEST_INSTANT_MS = 8.64e15
const OFFSET_PATTERN = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/

/**
 * Builds an offset lookup for one zone around a single reused `Intl.DateTimeFormat`: constructing the
 * formatter is the expensive part (hundreds of µs). Each lookup formats only the `longOffset` zone name
 * (`"…, GMT+02:00"`, seconds included for historic offsets): a few µs, several times cheaper than reading
 * the wall clock back through `formatToParts`.
 */
export function createZoneOffsetLookup(timeZone: string): ZoneOffsetLookup {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
  return (instantMs) => {
    // Intl rejects instants outside the Date range; the edge offset is as good as any there.
    const instant = Math.min(Math.max(instantMs, -LATEST_INSTANT_MS), LATEST_INSTANT_MS)
    const formatted = format.format(instant)
    const match = OFFSET_PATTERN.exec(formatted)
    if (!match) throw new Error(`Unexpected offset "${formatted}" from Intl for time zone ${timeZone}`)
    const [, sign, hours, minutes, seconds] = match
    if (sign === undefined) return 0
    const offsetSeconds = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds ?? 0)
    return (sign === '-' ? -offsetSeconds : offsetSeconds) * 1000
  }
}
