import type { PGlite } from '@electric-sql/pglite'
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'

const AFFECTING = /^\s*(insert|update|delete|merge)\b/i

/**
 * A pg-Pool-shaped view of one in-process PGlite database, so the Postgres adapter's real code (kysely's
 * Postgres driver, our dialect, our SQL) runs where no server is configured. PGlite has one session, so a
 * checked-out client holds it exclusively until released: transactions never interleave.
 */
export function pglitePool(db: PGlite): PostgresPool {
  let queue: Promise<void> = Promise.resolve()
  return {
    connect() {
      let release!: () => void
      const turn = new Promise<void>((resolve) => {
        release = resolve
      })
      const ready = queue
      queue = queue.then(() => turn)
      return ready.then(() => {
        const client = {
          async query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
            const result = await db.query<R>(sql, [...parameters])
            const command = AFFECTING.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT'
            return {
              command: command as PostgresQueryResult<R>['command'],
              rowCount: result.affectedRows ?? result.rows.length,
              rows: result.rows,
            }
          },
          release,
        }
        return client as unknown as PostgresPoolClient
      })
    },
    async end() {},
  }
}
