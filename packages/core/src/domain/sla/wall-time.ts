import type { ZoneOffsetLookup } from './zone-offset'

/**
 * Converts a local wall-clock time to an instant the way Temporal's `'compatible'` disambiguation does.
 *
 * `wallMs` is the wall-clock time written as if it were UTC. `offsetBefore` and `offsetAfter` are the zone's
 * offsets at instants safely before and after every instant this wall time could denote, at most three days
 * apart, so that at most one offset change lies between: no zone `Intl` knows changes its offset twice
 * within four days anywhere in 1970–2040 (checked by sampling every zone every 6 hours).
 *
 * - One offset throughout: the wall time is unique.
 * - Fall-back overlap (the wall time happens twice): the earlier instant.
 * - Spring-forward gap (the wall time never happens): read with the offset before the change, so it lands
 *   after the gap, moved forward by the gap's length (02:30 on a 02:00→03:00 day becomes 03:30).
 */
export function wallTimeToInstant(
  wallMs: number,
  offsetAt: ZoneOffsetLookup,
  offsetBefore: number,
  offsetAfter: number,
): number {
  const readBefore = wallMs - offsetBefore
  if (offsetBefore === offsetAfter) return readBefore
  const readAfter = wallMs - offsetAfter
  const beforeHolds = offsetAt(readBefore) === offsetBefore
  const afterHolds = offsetAt(readAfter) === offsetAfter
  if (beforeHolds && afterHolds) return Math.min(readBefore, readAfter)
  if (afterHolds) return readAfter
  return readBefore
}
