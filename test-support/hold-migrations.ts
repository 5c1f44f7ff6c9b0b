import { writeSync } from 'node:fs'
import { createCrm } from '@rapport/core'
import type { StoragePort } from '@rapport/core/storage'

/** The `onQuery` hook a kill-point adapter must be opened with. */
export type HoldingHook = () => Promise<never> | undefined

/**
 * The body of a migrate crash child: for each kill point N it opens an adapter (through `open`, with the
 * hook to pass as `onQuery`) and stops its migration right after statement N: the hook, which kysely awaits
 * after each statement, never returns. When every migration has stopped, the process SIGKILLs itself, so the
 * database sees a crash right after each statement N: no rollback, no close. Several kill points share one
 * process only because starting a process costs far more than a migration. What went wrong (a migration
 * that overran or never reached its point) is written to stdout for the parent to report.
 */
export function holdMigrationsThenDie(
  killPoints: readonly number[],
  open: (killAfter: number, onQuery: HoldingHook) => StoragePort,
): void {
  let stopped = 0
  // Every migration stopped, or (a failure the parent reports) ended without reaching its kill point.
  const stop = () => {
    stopped += 1
    if (stopped === killPoints.length) process.kill(process.pid, 'SIGKILL')
  }
  for (const killAfter of killPoints) {
    let statements = 0
    const adapter = open(killAfter, () => {
      statements += 1
      // A statement after the stop means the hook did not hold the migration: say so before dying.
      if (statements > killAfter) writeSync(1, `overran ${killAfter}\n`)
      if (statements !== killAfter) return undefined
      stop()
      return new Promise<never>(() => {})
    })
    createCrm({ adapter })
      .migrate()
      .then(
        () => {
          writeSync(1, `finished ${killAfter} without reaching its kill point\n`)
          stop()
        },
        (error: unknown) => {
          writeSync(1, `failed ${killAfter}: ${String(error)}\n`)
          stop()
        },
      )
  }
}
