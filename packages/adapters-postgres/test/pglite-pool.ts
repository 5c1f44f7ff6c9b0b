import type { PGlite } from '@electric-sql/pglite'
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'

const AFFECTING = /^\s*(insert|update|delete|merge)\b/i

const TIMESTAMPTZ_OID = 1184
const PG_TIMESTAMPTZ =
  /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?([+-]\d\d)(?::(\d\d))?(?::(\d\d))?$/

/**
 * Parses Postgres' text form of a timestamptz. PGlite's own parser hands it to `new Date(text)`, which
 * reads the years 1-99 as 1901-1999 or 2001; pg (postgres-date) gets them right, and so must this pool.
 */
function parseTimestamptz(text: string): Date {
  const m = PG_TIMESTAMPTZ.exec(text)
  if (!m) return new Date(text)
  const [, year, month, day, hour, minute, second, fraction, offsetHours, offsetMinutes, offsetSeconds] = m
  const local = new Date(0)
  local.setUTCFullYear(Number(year), Number(month) - 1, Number(day))
  local.setUTCHours(Number(hour), Number(minute), Number(second), Math.floor(Number(fraction ?? 0) * 1000))
  const sign = offsetHours!.startsWith('-') ? -1 : 1
  const offsetMs =
    sign *
    ((Math.abs(Number(offsetHours)) * 60 + Number(offsetMinutes ?? 0)) * 60 + Number(offsetSeconds ?? 0)) *
    1000
  return new Date(local.getTime() - offsetMs)
}

const PARSERS = { [TIMESTAMPTZ_OID]: parseTimestamptz }

/**
 * PGlite runs in this thread and answers through promises alone, so a long run of queries never returns to
 * the event loop: no timer fires and no message is read until it ends. A test file on PGlite that runs over
 * 60 s that way made vitest's worker RPC time out ("Timeout calling onTaskUpdate") and `pnpm test` fail
 * although every test passed. Each checkout therefore lets the event loop turn once first.
 */
const turnEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

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
      return ready.then(turnEventLoop).then(() => {
        const client = {
          async query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
            const result = await db.query<R>(sql, [...parameters], { parsers: PARSERS })
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
