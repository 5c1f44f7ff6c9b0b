import type { Clock } from '@rapport/core'

/** The demo's clock: it stands still until the story moves it, so every run tells the same story. */
export class DemoClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current.getTime())
  }

  /** Moves the clock to an instant (the story only ever moves it forward). */
  set(instant: string | Date): void {
    this.current = new Date(instant)
  }
}
