import { MS_PER_DAY, MS_PER_MINUTE } from './local-date'
import { wallTimeToInstant } from './wall-time'
import type { ZoneOffsetLookup } from './zone-offset'

/** One local date of a business calendar, resolved to UTC instants (epoch ms). */
export interface BusinessDay {
  /** The instant this local date begins (its midnight, or the first instant after it in a gap). */
  readonly startMs: number
  /** Open stretches as `[open, close, open, close, ...]`: sorted, disjoint, each close after its open. */
  readonly openings: readonly number[]
  /** Total open time of the date, in ms. */
  readonly businessMs: number
}

/** The zone's offsets around one local date; see {@link wallTimeToInstant}. */
export interface OffsetsAroundDay {
  readonly offsetAt: ZoneOffsetLookup
  readonly offsetBefore: number
  readonly offsetAfter: number
}

/**
 * Resolves one local date's wall-clock hours (`[from, to, from, to, ...]` in minutes after midnight,
 * sorted, disjoint, touching ones joined) to instants. Spring-forward gaps shorten an interval that spans
 * them and fall-back overlaps lengthen it.
 */
export function resolveBusinessDay(
  dayNumber: number,
  wallMinutes: readonly number[],
  offsets: OffsetsAroundDay,
): BusinessDay {
  const midnight = dayNumber * MS_PER_DAY
  if (offsets.offsetBefore === offsets.offsetAfter) {
    return shiftedByOffset(midnight, wallMinutes, offsets.offsetBefore)
  }
  const toInstant = (wallMs: number) =>
    wallTimeToInstant(wallMs, offsets.offsetAt, offsets.offsetBefore, offsets.offsetAfter)
  const startMs = toInstant(midnight)
  const endMs = toInstant(midnight + MS_PER_DAY)
  const spans: [number, number][] = []
  for (let i = 0; i + 1 < wallMinutes.length; i += 2) {
    // Clamping keeps every date inside its own [midnight, next midnight), so dates never interleave.
    const open = Math.max(toInstant(midnight + wallMinutes[i]! * MS_PER_MINUTE), startMs)
    const close = Math.min(toInstant(midnight + wallMinutes[i + 1]! * MS_PER_MINUTE), endMs)
    if (open < close) spans.push([open, close])
  }
  // A wall time inside a gap maps past the gap, possibly beyond the next interval's start: merge overlaps.
  spans.sort((a, b) => a[0] - b[0])
  const openings: number[] = []
  let businessMs = 0
  for (const [open, close] of spans) {
    const lastClose = openings[openings.length - 1]
    if (lastClose !== undefined && open <= lastClose) {
      if (close > lastClose) {
        businessMs += close - lastClose
        openings[openings.length - 1] = close
      }
      continue
    }
    openings.push(open, close)
    businessMs += close - open
  }
  return { startMs, openings, businessMs }
}

/** The common case, no offset change near the date: every wall time is one offset away from its instant. */
function shiftedByOffset(midnight: number, wallMinutes: readonly number[], offset: number): BusinessDay {
  const startMs = midnight - offset
  const openings = new Array<number>(wallMinutes.length)
  let businessMs = 0
  for (let i = 0; i < wallMinutes.length; i++) openings[i] = startMs + wallMinutes[i]! * MS_PER_MINUTE
  for (let i = 0; i + 1 < openings.length; i += 2) businessMs += openings[i + 1]! - openings[i]!
  return { startMs, openings, businessMs }
}
