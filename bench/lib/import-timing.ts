import { performance } from 'node:perf_hooks'
import { type GcPauseMeter, startGcPauseMeter } from './gc-pauses'

/** One timed step, with untimed preparation (emptying tables) before each run. */
export interface TimedStep {
  /** Runs before every run, outside the timing. */
  prepare?(): Promise<void> | void
  run(): Promise<void> | void
}

/** The median of the timed runs, in milliseconds, and every run for the curious. */
export interface Timing {
  readonly medianMs: number
  readonly runsMs: readonly number[]
  /** Median of the garbage collector's pauses inside each run. */
  readonly gcMedianMs: number
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

async function warmUp(step: TimedStep) {
  await step.prepare?.()
  await step.run()
}

async function timedRun(step: TimedStep, gc: GcPauseMeter): Promise<{ ms: number; gcMs: number }> {
  await step.prepare?.()
  const gcBefore = await gc.totalMs()
  const start = performance.now()
  await step.run()
  const ms = performance.now() - start
  return { ms, gcMs: (await gc.totalMs()) - gcBefore }
}

/**
 * Runs each step once untimed (JIT, page cache, prepared statements), then `runs` rounds in which every
 * step runs once. Interleaving keeps the ratios fair when the machine's load drifts during the benchmark;
 * the median resists one run slowed by a checkpoint or the garbage collector.
 */
export async function timeInterleaved(steps: readonly TimedStep[], runs: number): Promise<Timing[]> {
  for (const step of steps) await warmUp(step)
  const results = steps.map(() => ({ ms: [] as number[], gcMs: [] as number[] }))
  const gc = startGcPauseMeter()
  try {
    for (let round = 0; round < runs; round++) {
      for (const [s, step] of steps.entries()) {
        const run = await timedRun(step, gc)
        results[s]!.ms.push(run.ms)
        results[s]!.gcMs.push(run.gcMs)
      }
    }
  } finally {
    gc.stop()
  }
  return results.map(({ ms, gcMs }) => ({ medianMs: median(ms), runsMs: ms, gcMedianMs: median(gcMs) }))
}

/** {@link timeInterleaved} for a single step. */
export async function timeStep(step: TimedStep, runs: number): Promise<Timing> {
  const [timing] = await timeInterleaved([step], runs)
  return timing!
}
