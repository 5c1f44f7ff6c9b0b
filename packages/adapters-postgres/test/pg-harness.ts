import { PGlite } from '@electric-sql/pglite'
import type { StoragePort } from '@rapport/core/storage'
import type { AdapterHooks } from '@rapport/core/testing'
import { postgresAdapter } from '@rapport/postgres'
import type { PostgresPool } from 'kysely'
import pg from 'pg'
import { pglitePool } from './pglite-pool'

/**
 * Where the Postgres tests run: the server at RAPPORT_TEST_PG_URL (CI sets it), or an in-process PGlite
 * when it is unset on a developer's machine. With CI=true a missing URL or an unreachable server fails the
 * run: the Postgres tests never silently skip.
 */
export function postgresTarget(): { kind: 'server'; url: string } | { kind: 'pglite' } {
  const url = process.env.RAPPORT_TEST_PG_URL
  if (url) return { kind: 'server', url }
  if (process.env.CI && process.env.CI !== 'false') {
    throw new Error(
      'CI is set but RAPPORT_TEST_PG_URL is not: the Postgres adapter tests must run against a real server in CI',
    )
  }
  return { kind: 'pglite' }
}

/** A unique schema name per test file and process, so parallel test files never meet. */
export function uniqueSchema(label: string): string {
  return `rapport_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
}

/** A Postgres adapter opened for a test, with a raw query function on the same database. */
export interface OpenedPostgres {
  readonly adapter: StoragePort
  readonly schema: string
  /** Runs SQL directly (not through Rapport), for setting up app tables and inspecting the catalog. */
  query<R = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<R[]>
  /** The pool the adapter uses (the app's pool, in embedding tests). */
  readonly pool: PostgresPool
  readonly dispose: () => Promise<void>
  readonly describe: string
}

/** Opens the Postgres adapter for tests, in its own schema; returns it with a disposer that drops the schema. */
export async function openPostgres(
  label: string,
  hooks: Partial<AdapterHooks> = {},
  options: { tablePrefix?: string; maxConnections?: number; skipSchema?: boolean } = {},
): Promise<OpenedPostgres> {
  const target = postgresTarget()
  const schema = uniqueSchema(label)
  if (target.kind === 'server') {
    const pool = new pg.Pool({ connectionString: target.url, max: options.maxConnections ?? 25 })
    try {
      await pool.query('select 1')
    } catch (error) {
      await pool.end()
      throw new Error(`Postgres at RAPPORT_TEST_PG_URL is unreachable: ${(error as Error).message}`, {
        cause: error,
      })
    }
    const adapter = postgresAdapter(
      { pool },
      {
        schema,
        ...(options.tablePrefix ? { tablePrefix: options.tablePrefix } : {}),
        ...(hooks.onQuery ? { onQuery: hooks.onQuery } : {}),
      },
    )
    return {
      adapter,
      schema,
      pool,
      query: async (text, parameters = []) => (await pool.query(text, parameters)).rows,
      describe: `postgres server (${schema})`,
      dispose: async () => {
        await pool.query(`drop schema if exists "${schema}" cascade`)
        await pool.end()
      },
    }
  }
  const db = new PGlite()
  const pool = pglitePool(db)
  const adapter = postgresAdapter(
    { pool },
    {
      schema,
      ...(options.tablePrefix ? { tablePrefix: options.tablePrefix } : {}),
      ...(hooks.onQuery ? { onQuery: hooks.onQuery } : {}),
    },
  )
  return {
    adapter,
    schema,
    pool,
    query: async (text, parameters = []) => (await db.query(text, parameters)).rows as never,
    describe: `postgres on PGlite (${schema})`,
    dispose: () => db.close(),
  }
}
