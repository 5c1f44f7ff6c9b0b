/**
 * Where Rapport reads the current time. Inject one in tests to script a timeline.
 *
 * @example
 * ```ts
 * let now = new Date('2026-01-05T09:00:00Z')
 * const crm = createCrm({ adapter, clock: { now: () => now } })
 * ```
 */
export interface Clock {
  /** The current instant. */
  now(): Date
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() }
