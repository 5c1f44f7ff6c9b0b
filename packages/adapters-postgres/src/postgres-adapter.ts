import { ConfigError } from '@rapport/core'
import { createSqlStore, type SqlSchema } from '@rapport/core/sql'
import type { StoragePort } from '@rapport/core/storage'
import { Kysely, type LogEvent, PostgresDialect, type PostgresPool } from 'kysely'
import pg from 'pg'
import { checkConnectionString } from './postgres-connection-string'
import { postgresDialect } from './postgres-dialect'
import { checkTimeout, withTransactionTimeouts } from './postgres-timeouts'
import { preparingPool } from './prepared-statements'

/** A statement Rapport sent, as the `onQuery` hook sees it. */
export interface PostgresQueryEvent {
  readonly sql: string
  readonly parameters: readonly unknown[]
  /** Did the statement fail? */
  readonly failed: boolean
}

/** How Rapport reaches Postgres: a URL it opens a pool for, or a pool the app owns. */
export type PostgresConnection =
  | {
      /** `postgres://user@host:5432/db`. Rapport opens a pg Pool and ends it on `crm.close()`. */
      readonly connectionString: string
      /**
       * Most connections in the pool.
       * @default 10
       */
      readonly maxConnections?: number
    }
  | {
      /**
       * A pg `Pool` (or anything with the same `connect()` / `end()` shape) the app owns; Rapport never
       * ends it.
       */
      readonly pool: PostgresPool
    }

/** Options of {@link postgresAdapter}. */
export interface PostgresAdapterOptions {
  /**
   * Schema for Rapport's tables, created if missing. Lets Rapport live inside the app's database without
   * touching its tables.
   * @default the connection's search_path (usually `public`)
   * @example 'rapport'
   */
  readonly schema?: string
  /**
   * Prepended to every Rapport table and index name.
   * @default ''
   */
  readonly tablePrefix?: string
  /** Called after every statement Rapport runs (for logging, tracing, tests). */
  readonly onQuery?: (event: PostgresQueryEvent) => void
  /**
   * Cancels any statement of a Rapport transaction that runs longer than this (Postgres
   * `statement_timeout`, set with `set local` in each transaction, so an app's own pool is left as it
   * was). With `connectionString` it also bounds reads outside transactions. A statement cancelled this way
   * fails with a `TimeoutError` (code `timeout`, `details.reason` `statementTimeout`), having written
   * nothing. 0 means no limit. It bounds `migrate()` too: migrate a large database through an adapter
   * without it.
   * @default no limit (the server's own `statement_timeout`)
   * @example 5_000
   */
  readonly statementTimeoutMs?: number
  /**
   * Gives up when a Rapport write waits longer than this for a row lock another transaction holds (Postgres
   * `lock_timeout`, set like `statementTimeoutMs`). The command fails with a `TimeoutError` (code `timeout`,
   * `details.reason` `lockTimeout`, `retryable` true) and writes nothing. 0 means wait as long as it takes.
   * @default no limit (the server's own `lock_timeout`)
   * @example 2_000
   */
  readonly lockTimeoutMs?: number
}

/**
 * Rapport on PostgreSQL through pg: jsonb custom fields, timestamptz instants, bigint money, and row-level
 * concurrency (version-checked updates wait on the row lock, then re-check).
 *
 * @example
 * ```ts
 * import { createCrm } from '@rapport/core'
 * import { postgresAdapter } from '@rapport/postgres'
 *
 * const crm = createCrm({
 *   adapter: postgresAdapter({ connectionString: process.env.DATABASE_URL! }, { schema: 'rapport' }),
 * })
 * await crm.migrate()
 * ```
 */
export function postgresAdapter(
  connection: PostgresConnection,
  options: PostgresAdapterOptions = {},
): StoragePort {
  const timeouts = {
    statementTimeoutMs: checkTimeout('statementTimeoutMs', options.statementTimeoutMs),
    lockTimeoutMs: checkTimeout('lockTimeoutMs', options.lockTimeoutMs),
  }
  let pool: PostgresPool
  let owned = false
  if ('connectionString' in connection) {
    const connectionString = checkConnectionString(connection.connectionString)
    pool = new pg.Pool({
      connectionString,
      max: connection.maxConnections ?? 10,
      // Our own connections carry the timeouts for every statement, reads outside transactions included.
      ...(timeouts.statementTimeoutMs ? { statement_timeout: timeouts.statementTimeoutMs } : {}),
      ...(timeouts.lockTimeoutMs ? { lock_timeout: timeouts.lockTimeoutMs } : {}),
    })
    owned = true
  } else {
    if (!connection.pool || typeof connection.pool.connect !== 'function') {
      throw new ConfigError('postgresAdapter: pool must be a pg Pool (or have connect() and end())')
    }
    pool = connection.pool
  }

  const onQuery = options.onQuery
  const db = new Kysely<SqlSchema>({
    // kysely ends the pool on destroy(), so hand it a pool whose end() is a no-op when the app owns it.
    dialect: new PostgresDialect({
      pool: preparingPool(
        withTransactionTimeouts(
          owned ? pool : { connect: () => pool.connect(), end: async () => {} },
          timeouts,
        ),
      ),
    }),
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
    name: 'postgres',
    db,
    dialect: postgresDialect(),
    placement: {
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      tablePrefix: options.tablePrefix ?? '',
    },
    onClose: () => db.destroy(),
  })
}
