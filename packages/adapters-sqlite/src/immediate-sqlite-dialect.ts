import type { Database } from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely'
import { beginImmediate } from './begin-immediate'
import { acquireConnection, type ReleaseConnection } from './connection-lock'

/**
 * Kysely's SQLite driver with two changes. Transactions begin with `BEGIN IMMEDIATE`: a deferred `BEGIN`
 * takes the write lock only at the first write, and when another connection wrote in between, SQLite fails
 * that upgrade at once with SQLITE_BUSY (the busy timeout does not apply, since waiting cannot help a stale
 * snapshot). Taking the write lock at `BEGIN` makes a writer wait its turn under the busy timeout instead,
 * without blocking the thread ({@link beginImmediate}). And the connection is held through a lock shared
 * by every adapter over the same better-sqlite3 connection or file in this thread, not only this driver's
 * own.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #database: Database
  #release: ReleaseConnection | undefined

  constructor(config: SqliteDialectConfig, database: Database) {
    super(config)
    this.#database = database
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const release = await acquireConnection(this.#database)
    try {
      const connection = await super.acquireConnection()
      this.#release = release
      return connection
    } catch (error) {
      release()
      throw error
    }
  }

  override async releaseConnection(): Promise<void> {
    const release = this.#release
    this.#release = undefined
    try {
      await super.releaseConnection()
    } finally {
      release?.()
    }
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await beginImmediate(this.#database, () => connection.executeQuery(CompiledQuery.raw('begin immediate')))
  }
}

/**
 * Kysely's SQLite dialect over {@link ImmediateSqliteDriver}. `database` is the better-sqlite3 connection
 * behind `config.database` (which may be a wrapper): the key of the shared connection lock.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  readonly #database: Database

  constructor(config: SqliteDialectConfig, database: Database) {
    super(config)
    this.#config = config
    this.#database = database
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#database)
  }
}
