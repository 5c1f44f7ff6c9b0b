import type { StoragePort } from '@rapport/core/storage'
import { postgresAdapter } from '@rapport/postgres'
import { sqliteAdapter } from '@rapport/sqlite'
import pg from 'pg'

/** Where a test's CRM keeps its data, and how to throw it away afterwards. */
export interface TestStorage {
  readonly adapter: StoragePort
  /** Drops what the test stored; call after `crm.close()`. */
  readonly dispose: () => Promise<void>
}

/**
 * The Postgres server at RAPPORT_TEST_PG_URL when it is set (CI sets it), in a schema of its own so test
 * files running in parallel never meet; otherwise an in-memory SQLite database.
 */
export function openTestStorage(label: string): TestStorage {
  const url = process.env.RAPPORT_TEST_PG_URL
  if (!url) return { adapter: sqliteAdapter({ filename: ':memory:' }), dispose: async () => {} }
  const pool = new pg.Pool({ connectionString: url, max: 4 })
  const schema = `rapport_example_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  return {
    // The pool is ours, not the adapter's: crm.close() leaves it open for the clean-up below.
    adapter: postgresAdapter({ pool }, { schema }),
    dispose: async () => {
      await pool.query(`drop schema if exists "${schema}" cascade`)
      await pool.end()
    },
  }
}
