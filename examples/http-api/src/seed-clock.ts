import { type Clock, systemClock } from '@rapport/core'

/**
 * The demo's clock: it follows `base`, except while the seed pins it to an instant in the past, so the seeded
 * cases have a history (opened this morning, answered an hour ago) that Rapport recorded as it happened.
 */
export class SeedClock implements Clock {
  private pinned: Date | null = null

  /** @param base Where "now" comes from when nothing is pinned. @default the system clock */
  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return this.pinned === null ? this.base.now() : new Date(this.pinned.getTime())
  }

  /** Runs `step` with the clock standing at `at`, then lets it follow `base` again. */
  async at<T>(at: Date, step: () => Promise<T>): Promise<T> {
    this.pinned = at
    try {
      return await step()
    } finally {
      this.pinned = null
    }
  }
}
