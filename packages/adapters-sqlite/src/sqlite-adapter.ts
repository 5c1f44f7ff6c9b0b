import { ConfigError, type StoragePort } from '@rapport/core'
import { createSqlStore, type SqlSchema } from '@rapport/core/sql'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { Kysely, type LogEvent, SqliteDialect } from 'kysely'
import { sqliteDialect } from './sqlite-dialect'
import { cachingDatabase } from './statement-cache'

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
}

/**
 * Rapport on SQLite through better-sqlite3: the embedded default. A file Rapport opens gets WAL journaling,
 * `synchronous = NORMAL`, a 5 s busy timeout and foreign keys on; an app-owned connection only gets foreign
 * keys on.
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
  const owned = 'filename' in connection
  let database: Database
  if (owned) {
    if (typeof connection.filename !== 'string' || connection.filename === '') {
      throw new ConfigError('sqliteAdapter: filename must be a path or ":memory:"')
    }
    database = new BetterSqlite3(connection.filename)
    if (connection.filename !== ':memory:') {
      database.pragma('journal_mode = WAL')
      database.pragma('synchronous = NORMAL')
    }
    database.pragma('busy_timeout = 5000')
  } else {
    if (!connection.database || typeof connection.database.prepare !== 'function') {
      throw new ConfigError('sqliteAdapter: database must be a better-sqlite3 Database')
    }
    database = connection.database
  }
  database.pragma('foreign_keys = ON')

  const onQuery = options.onQuery
  const db = new Kysely<SqlSchema>({
    dialect: new SqliteDialect({ database: cachingDatabase(database) }),
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

  return createSqlStore({
    name: 'sqlite',
    db,
    dialect: sqliteDialect(database, onQuery && ((q) => onQuery({ ...q, failed: false }))),
    placement: { tablePrefix: options.tablePrefix ?? '' },
    // kysely's destroy() closes the better-sqlite3 handle, so only call it on a connection we opened.
    onClose: owned ? () => db.destroy() : async () => {},
  })
}
