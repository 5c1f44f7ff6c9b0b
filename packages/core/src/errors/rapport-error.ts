import type { z } from 'zod'

/**
 * Every error code Rapport throws. Codes are stable: match on `error.code`, never on the message.
 */
export const RAPPORT_ERROR_CODES = [
  'validation',
  'notFound',
  'conflict',
  'invalidState',
  'transitionRefused',
  'config',
  'migration',
  'storage',
  'busy',
  'timeout',
] as const

/**
 * The codes whose errors may succeed when the whole command is simply run again: the database was busy
 * (a lock held by another connection, a deadlock or serialization failure that Rapport's own retries did
 * not outlast) or a configured timeout fired. A `conflict` is not among them: the caller must re-read first.
 */
export const RETRYABLE_ERROR_CODES: readonly RapportErrorCode[] = ['busy', 'timeout']

/** A stable error code; see {@link RAPPORT_ERROR_CODES}. */
export type RapportErrorCode = (typeof RAPPORT_ERROR_CODES)[number]

// A global symbol marks every Rapport error, so two copies of this module (the ESM and CJS builds, or two
// installed versions) still recognise each other's errors; `instanceof` alone would not.
const RAPPORT_ERROR_BRAND = Symbol.for('rapport.error')

/** Options every Rapport error accepts. */
export interface RapportErrorOptions {
  /** The underlying error, kept for its stack. */
  cause?: unknown
  /** Machine-readable facts about the failure (ids, versions, known fields, ...). */
  details?: Readonly<Record<string, unknown>>
}

/**
 * The base of every error Rapport throws. Catch it and switch on {@link RapportError.code}.
 *
 * @example
 * ```ts
 * try { await crm.tenant('t1').contacts.get(id) }
 * catch (e) { if (e instanceof RapportError && e.code === 'notFound') return null; throw e }
 * ```
 */
export class RapportError extends Error {
  /** The stable code of this error. */
  readonly code: RapportErrorCode
  /** Machine-readable facts about the failure. */
  readonly details: Readonly<Record<string, unknown>>

  constructor(code: RapportErrorCode, message: string, options: RapportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    Object.defineProperty(this, RAPPORT_ERROR_BRAND, { value: true })
    this.name = 'RapportError'
    this.code = code
    this.details = options.details ?? {}
  }

  /** True when running the same command again, unchanged, may succeed (see {@link RETRYABLE_ERROR_CODES}). */
  get retryable(): boolean {
    return RETRYABLE_ERROR_CODES.includes(this.code)
  }
}

// `error instanceof RapportError` holds for a Rapport error from any copy of this package (ESM or CJS build,
// another installed version); subclasses (`ConflictError`, ...) keep the ordinary prototype check.
Object.defineProperty(RapportError, Symbol.hasInstance, {
  value: function isInstance(this: unknown, value: unknown): boolean {
    if (this === RapportError) return hasRapportBrand(value)
    return Function.prototype[Symbol.hasInstance].call(this, value)
  },
})

/** One problem found in an input; the zod issue shape, with the path as an array. */
export type ValidationIssue = z.core.$ZodIssue

/** Input did not have the expected shape. Nothing was written. */
export class ValidationError extends RapportError {
  /** Every problem found, with the path to the offending value. */
  readonly issues: readonly ValidationIssue[]

  constructor(message: string, issues: readonly ValidationIssue[], options: RapportErrorOptions = {}) {
    super('validation', message, options)
    this.name = 'ValidationError'
    this.issues = issues
  }
}

/** A record that the call names does not exist in this tenant. */
export class NotFoundError extends RapportError {
  constructor(entity: string, id: string, options: RapportErrorOptions = {}) {
    super('notFound', `${entity} ${id} was not found`, {
      ...options,
      details: { entity, id, ...options.details },
    })
    this.name = 'NotFoundError'
  }
}

/**
 * The record changed since the caller read it (its version is not the expected one), or a uniqueness rule
 * would be broken. Re-read and retry.
 */
export class ConflictError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('conflict', message, options)
    this.name = 'ConflictError'
  }
}

/** The command is not allowed in the record's current state (e.g. updating an archived record). */
export class InvalidStateError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('invalidState', message, options)
    this.name = 'InvalidStateError'
  }
}

/**
 * A pipeline refused a deal's stage move: the move is not allowed, the deal does not meet the target stage's
 * requirements, or a guard said no. `details.reason` says which (see `TRANSITION_REFUSAL_REASONS`).
 */
export class TransitionRefusedError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('transitionRefused', message, options)
    this.name = 'TransitionRefusedError'
  }
}

/** `createCrm` or an adapter was configured wrongly. */
export class ConfigError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('config', message, options)
    this.name = 'ConfigError'
  }
}

/** A migration failed; `cause` holds the database error. */
export class MigrationError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('migration', message, options)
    this.name = 'MigrationError'
  }
}

/** The database failed in a way Rapport did not expect; `cause` holds the driver's error. */
export class StorageError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('storage', message, options)
    this.name = 'StorageError'
  }
}

/**
 * The database could not run the command now because of other work: a lock held by another connection
 * beyond the busy timeout (SQLite `SQLITE_BUSY`), a deadlock or a serialization failure (Postgres `40P01`,
 * `40001`) that outlasted Rapport's own retries. Nothing was written; the command may be run again as is.
 * `details.reason` says which (`locked`, `deadlock`, `serialization`).
 */
export class BusyError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('busy', message, options)
    this.name = 'BusyError'
  }
}

/**
 * A statement or lock wait ran past a timeout the adapter was configured with (Postgres `statement_timeout`
 * / `lock_timeout`). Nothing was written; the command may be run again. `details.reason` says which.
 */
export class TimeoutError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('timeout', message, options)
    this.name = 'TimeoutError'
  }
}

/** True when `error` is a {@link RapportError}, optionally with the given code. */
export function isRapportError(error: unknown, code?: RapportErrorCode): error is RapportError {
  return hasRapportBrand(error) && (code === undefined || error.code === code)
}

function hasRapportBrand(value: unknown): value is RapportError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [RAPPORT_ERROR_BRAND]?: unknown })[RAPPORT_ERROR_BRAND] === true
  )
}
