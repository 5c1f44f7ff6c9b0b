import { PerformanceObserver } from 'node:perf_hooks'

/** Sums the garbage collector's pauses, to tell the cost of allocating apart from the work itself. */
export interface GcPauseMeter {
  /** Milliseconds paused since the meter started. */
  totalMs(): Promise<number>
  stop(): void
}

/** Starts summing GC pauses of this process. */
export function startGcPauseMeter(): GcPauseMeter {
  let total = 0
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) total += entry.duration
  })
  observer.observe({ entryTypes: ['gc'] })
  return {
    async totalMs() {
      // GC entries reach the observer on a later turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 20))
      return total
    },
    stop: () => observer.disconnect(),
  }
}
