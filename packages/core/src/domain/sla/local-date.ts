/** Milliseconds in one minute. */
export const MS_PER_MINUTE = 60_000

/** Milliseconds in one nominal (24h) day. */
export const MS_PER_DAY = 86_400_000

/** Days since 1970-01-01 of `YYYY-MM-DD`, or `undefined` when it is not a real calendar date. */
export function dayNumberOfIsoDate(isoDate: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const utc = new Date(0)
  utc.setUTCFullYear(year, month - 1, day)
  // Date rolls 2026-02-30 over into March; a real date survives the round trip.
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day)
    return undefined
  return Math.floor(utc.getTime() / MS_PER_DAY)
}

/** ISO weekday index of a day number: 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7
}

/** Index of the Monday-to-Sunday week that holds a day number. */
export function weekOfDay(dayNumber: number): number {
  return Math.floor((dayNumber + 3) / 7)
}

/** Day number of the Monday that starts a week. */
export function mondayOfWeek(week: number): number {
  return week * 7 - 3
}
