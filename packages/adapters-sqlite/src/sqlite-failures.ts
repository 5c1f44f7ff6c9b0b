import type { TransientFailure } from '@rapport/core/sql'

/**
 * SQLite's contention failures: SQLITE_BUSY and its extended codes (another connection holds the lock past
 * the busy timeout, or a snapshot went stale) and SQLITE_LOCKED (a conflict inside one connection or shared
 * cache). Both mean "nothing was written, run it again", so both are `locked`; anything else is not
 * transient.
 */
export function classifySqliteFailure(error: unknown): TransientFailure | undefined {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return undefined
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') ? 'locked' : undefined
}
