import type { TransientFailure } from '@rapport/core/sql'

/** SQLSTATE codes of transient failures, and what Rapport makes of them. */
const TRANSIENT_CODES: Readonly<Record<string, TransientFailure>> = {
  // deadlock_detected: Postgres aborted one of two transactions waiting on each other's row locks.
  '40P01': 'deadlock',
  // serialization_failure: a concurrent update under repeatable read / serializable isolation.
  '40001': 'serialization',
  // lock_not_available: a lock wait ran past `lock_timeout` (Rapport never uses NOWAIT).
  '55P03': 'lockTimeout',
}

/**
 * Classifies a pg (or PGlite) error by its SQLSTATE: deadlocks and serialization failures are contention
 * (a retryable BusyError), `lock_timeout` and `statement_timeout` are timeouts (a TimeoutError). A
 * `query_canceled` (57014) is a statement timeout unless the message says a user cancelled it
 * (`pg_cancel_backend`), which stays a StorageError. Anything else is undefined: a fault, not contention.
 */
export function classifyPostgresFailure(error: unknown): TransientFailure | undefined {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return undefined
  if (code === '57014') {
    const message = error instanceof Error ? error.message : ''
    return /user request/i.test(message) ? undefined : 'statementTimeout'
  }
  return TRANSIENT_CODES[code]
}
