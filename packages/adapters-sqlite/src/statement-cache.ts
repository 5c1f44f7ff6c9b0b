import type { Database } from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/**
 * A view of a better-sqlite3 connection for kysely that reuses prepared statements. Kysely's SQLite driver
 * prepares every statement it runs; preparing costs more than running a small statement, and Rapport runs
 * the same few shapes of SQL over and over. The cache is bounded and keyed by the SQL text.
 */
export function cachingDatabase(database: Database, capacity = 500): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>()
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql)
      if (cached) return cached
      const statement = database.prepare(sql) as unknown as SqliteStatement
      // Evict the oldest half at once: cheaper than per-entry LRU bookkeeping on every hit.
      if (statements.size >= capacity) {
        let drop = Math.floor(capacity / 2)
        for (const key of statements.keys()) {
          if (drop-- <= 0) break
          statements.delete(key)
        }
      }
      statements.set(sql, statement)
      return statement
    },
  }
}
