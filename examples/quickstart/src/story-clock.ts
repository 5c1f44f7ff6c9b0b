import type { Clock } from '@rapport/core'

/**
 * The story's clock: it starts on Monday 16 November 2026 and moves only when the story says so, so the SLA
 * timers, touch times and ROI figures come out the same on every run.
 */
export class StoryClock implements Clock {
  private current = Date.parse('2026-11-16T09:00:00Z')

  now(): Date {
    return new Date(this.current)
  }

  /** Moves to an instant (never backwards). */
  set(iso: string): void {
    const next = Date.parse(iso)
    if (next < this.current) throw new Error(`The story clock never goes back (to ${iso})`)
    this.current = next
  }

  /** Moves forward by some minutes. */
  advance(minutes: number): void {
    this.current += minutes * 60_000
  }
}
