import { ConflictError, RapportError, StorageError } from '../errors/rapport-error'
import type { SqlDialect } from './sql-dialect'

/**
 * Turns a driver error into a Rapport error: a unique violation becomes a ConflictError (details.reason =
 * 'unique'), anything else a StorageError naming the adapter and the action; the driver error is the cause.
 * Rapport errors pass through untouched.
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
  return new StorageError(`${adapter}: ${action} failed: ${message}`, { cause: error })
}
