import { PGlite } from '@electric-sql/pglite'
import type { StoragePort } from '@rapport/core/storage'
import { type PostgresAdapterOptions, postgresAdapter } from '@rapport/postgres'
import pg from 'pg'
import { postgresTarget, uniqueSchema } from './pg-harness'
import { pglitePool } from './pglite-pool'
import { type WatchedPool, watchedPool } from './watched-pool'

/** A Postgres adapter whose pool counts failed statements by SQLSTATE, with a raw query function. */
export interface WatchedPostgres {
  readonly kind: 'server' | 'pglite'
  readonly schema: string
  /** Opens another adapter on the same database, schema and watched pool (other options may differ). */
  adapter(options?: Omit<PostgresAdapterOptions, 'schema'>): StoragePort
  readonly watched: WatchedPool
  /** A raw pg client of its own (server only): holds locks outside Rapport. */
  rawClient(): Promise<pg.PoolClient>
  query<R = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<R[]>
  dispose(): Promise<void>
}

/** Opens the test database (server or PGlite) in a fresh schema, behind a watched pool. */
export async function openWatchedPostgres(label: string, maxConnections = 40): Promise<WatchedPostgres> {
  const target = postgresTarget()
  const schema = uniqueSchema(label)
  if (target.kind === 'server') {
    const pool = new pg.Pool({ connectionString: target.url, max: maxConnections })
    const watched = watchedPool(pool)
    return {
      kind: 'server',
      schema,
      watched,
      adapter: (options = {}) => postgresAdapter({ pool: watched.pool }, { ...options, schema }),
      rawClient: () => pool.connect(),
      query: async (text, parameters = []) => (await pool.query(text, parameters)).rows,
      async dispose() {
        await pool.query(`drop schema if exists "${schema}" cascade`)
        await pool.end()
      },
    }
  }
  const db = new PGlite()
  const watched = watchedPool(pglitePool(db))
  return {
    kind: 'pglite',
    schema,
    watched,
    adapter: (options = {}) => postgresAdapter({ pool: watched.pool }, { ...options, schema }),
    rawClient: () => Promise.reject(new Error('PGlite has one session: no second client to hold locks')),
    query: async (text, parameters = []) => (await db.query(text, parameters)).rows as never,
    dispose: () => db.close(),
  }
}
