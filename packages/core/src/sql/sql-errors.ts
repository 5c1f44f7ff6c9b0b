import { BusyError, ConflictError, RapportError, StorageError, TimeoutError } from '../errors/rapport-error'
import type { SqlDialect } from './sql-dialect'

/**
 * Turns a driver error into a Rapport error: a unique violation becomes a ConflictError (details.reason =
 * 'unique'), contention a retryable BusyError, a configured timeout a TimeoutError (details.reason names
 * the failure), anything else a StorageError naming the adapter and the action; the driver error is the
 * cause. Rapport errors pass through untouched.
 */
export function translateError(
  error: unknown,
  dialect: SqlDialect,
  adapter: string,
  action: string,
): RapportError {
  if (error instanceof RapportError) return error
  const message = error instanceof Error ? error.message : String(error)
  if (dialect.isUniqueViolation(error)) {
    return new ConflictError(`${adapter}: ${action} would break a uniqueness rule: ${message}`, {
      cause: error,
      details: { reason: 'unique' },
    })
  }
  const failure = dialect.classifyFailure?.(error)
  if (failure === 'statementTimeout' || failure === 'lockTimeout') {
    return new TimeoutError(`${adapter}: ${action} ran past the configured ${failure}: ${message}`, {
      cause: error,
      details: { reason: failure },
    })
  }
  if (failure) {
    return new BusyError(
      `${adapter}: ${action} failed on contention (${failure}); nothing was written, run it again: ${message}`,
      { cause: error, details: { reason: failure } },
    )
  }
  return new StorageError(`${adapter}: ${action} failed: ${message}`, { cause: error })
}
