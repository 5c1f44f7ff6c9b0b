import type { Database } from 'better-sqlite3'
import { classifySqliteFailure } from './sqlite-failures'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Takes SQLite's write lock (`BEGIN IMMEDIATE`) without blocking the thread, waiting up to the connection's
 * busy timeout. SQLite's own busy handler would wait synchronously, and it backs off to sleeps of 100 ms:
 * against a process that writes back to back, whose lock is free only for moments between its
 * transactions, it looks too rarely and starves past the timeout. So each attempt runs with the busy timeout
 * at 0 (restored at once, so reads and commits keep it) and a refused one is retried after 1 to 3 ms,
 * until the busy timeout has passed; then SQLite's last SQLITE_BUSY is thrown.
 *
 * `first` runs the first attempt (through kysely, so query logs see it); later attempts run on the
 * connection directly.
 */
export async function beginImmediate(database: Database, first: () => Promise<unknown>): Promise<void> {
  const waitMs = database.pragma('busy_timeout', { simple: true }) as number
  const deadline = Date.now() + waitMs
  let attempt: () => unknown = first
  for (;;) {
    // `database.pragma` prepares its statement each time, and that matters: SQLite applies (and reads) the
    // busy timeout when the pragma is prepared, so a cached prepared pragma would change nothing.
    database.pragma('busy_timeout = 0')
    try {
      await attempt()
      return
    } catch (error) {
      if (classifySqliteFailure(error) !== 'locked' || Date.now() >= deadline) throw error
    } finally {
      database.pragma(`busy_timeout = ${waitMs}`)
    }
    attempt = () => database.exec('begin immediate')
    await sleep(1 + Math.random() * 2)
  }
}
