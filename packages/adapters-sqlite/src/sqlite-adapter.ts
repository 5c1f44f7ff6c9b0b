import { ConfigError } from '@rapport/core'
import { createSqlStore, type SqlSchema } from '@rapport/core/sql'
import type { StoragePort } from '@rapport/core/storage'
import type { Database } from 'better-sqlite3'
import { Kysely, type LogEvent } from 'kysely'
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect'
import { openDatabaseFile } from './open-database'
import { sqliteDialect } from './sqlite-dialect'
import { cachingDatabase } from './statement-cache'

const DEFAULT_BUSY_TIMEOUT_MS = 5000
// SQLite takes the busy timeout as a C int.
const MAX_BUSY_TIMEOUT_MS = 2 ** 31 - 1

/** A statement Rapport sent, as the `onQuery` hook sees it. */
export interface SqliteQueryEvent {
  readonly sql: string
  readonly parameters: readonly unknown[]
  /** Did the statement fail? */
  readonly failed: boolean
}

/** Where the SQLite database is: a file Rapport opens, or a better-sqlite3 connection the app owns. */
export type SqliteConnection =
  | {
      /** Path of the database file, or `:memory:`. Rapport opens it and closes it on `crm.close()`. */
      readonly filename: string
    }
  | {
      /** A better-sqlite3 connection the app opened; Rapport never closes it. */
      readonly database: Database
    }

/** Options of {@link sqliteAdapter}. */
export interface SqliteAdapterOptions {
  /**
   * Prepended to every Rapport table and index, so Rapport can share a file with the app's own tables.
   * @default ''
   * @example 'crm_'
   */
  readonly tablePrefix?: string
  /** Called after every statement Rapport runs (for logging, tracing, tests). */
  readonly onQuery?: (event: SqliteQueryEvent) => void
  /**
   * How long a transaction waits for another connection's write lock (SQLite's busy timeout) before the
   * command fails with a retryable `busy` error. Applied to a file Rapport opens; on an app-owned connection
   * only when given, since the app's own setting (better-sqlite3's `timeout` option, 5000 by default) is
   * the app's to choose and also governs its own statements.
   * @default 5000
   * @example 30_000
   */
  readonly busyTimeoutMs?: number
}

/**
 * Rapport on SQLite through better-sqlite3: the embedded default. A file Rapport opens gets WAL journaling,
 * `synchronous = NORMAL`, a busy timeout ({@link SqliteAdapterOptions.busyTimeoutMs}) and foreign keys on;
 * an app-owned connection gets foreign keys on, and the busy timeout only when the option is given.
 *
 * Every transaction begins with `BEGIN IMMEDIATE`, so writers on other connections (or processes) queue
 * under the busy timeout; one still waiting when it runs out fails with a retryable `busy` error. Several
 * adapters over one better-sqlite3 connection take turns with it, one transaction at a time.
 *
 * @throws ConfigError when the options are invalid or the file cannot be opened (a missing directory, no
 * permission, not a database), saying what to fix.
 *
 * @example
 * ```ts
 * import { createCrm } from '@rapport/core'
 * import { sqliteAdapter } from '@rapport/sqlite'
 *
 * const crm = createCrm({ adapter: sqliteAdapter({ filename: 'crm.db' }) })
 * await crm.migrate()
 * ```
 */
export function sqliteAdapter(connection: SqliteConnection, options: SqliteAdapterOptions = {}): StoragePort {
  const busyTimeoutMs = options.busyTimeoutMs
  if (
    busyTimeoutMs !== undefined &&
    !(Number.isInteger(busyTimeoutMs) && busyTimeoutMs >= 0 && busyTimeoutMs <= MAX_BUSY_TIMEOUT_MS)
  ) {
    throw new ConfigError(
      `sqliteAdapter: busyTimeoutMs must be a whole number of milliseconds from 0 to ${MAX_BUSY_TIMEOUT_MS}, got ${String(busyTimeoutMs)}`,
    )
  }
  const owned = 'filename' in connection
  let database: Database
  if (owned) {
    if (typeof connection.filename !== 'string' || connection.filename === '') {
      throw new ConfigError('sqliteAdapter: filename must be a path or ":memory:"')
    }
    database = openDatabaseFile(connection.filename, busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS)
  } else {
    if (!connection.database || typeof connection.database.prepare !== 'function') {
      throw new ConfigError('sqliteAdapter: database must be a better-sqlite3 Database')
    }
    database = connection.database
    if (!database.open) {
      throw new ConfigError('sqliteAdapter: the better-sqlite3 database is closed; pass an open connection')
    }
    if (busyTimeoutMs !== undefined) database.pragma(`busy_timeout = ${busyTimeoutMs}`)
    database.pragma('foreign_keys = ON')
  }

  const onQuery = options.onQuery
  const db = new Kysely<SqlSchema>({
    dialect: new ImmediateSqliteDialect({ database: cachingDatabase(database) }, database),
    ...(onQuery
      ? {
          log: (event: LogEvent) =>
            onQuery({
              sql: event.query.sql,
              parameters: event.query.parameters,
              failed: event.level === 'error',
            }),
        }
      : {}),
  })

  try {
    return createSqlStore({
      name: 'sqlite',
      db,
      dialect: sqliteDialect(database, onQuery && ((q) => onQuery({ ...q, failed: false }))),
      placement: { tablePrefix: options.tablePrefix ?? '' },
      // kysely's destroy() closes the better-sqlite3 handle, so only call it on a connection we opened.
      onClose: owned ? () => db.destroy() : async () => {},
    })
  } catch (error) {
    // A bad table placement is refused after the file was opened: do not leak the handle.
    if (owned) database.close()
    throw error
  }
}
