import { statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { ConfigError } from '@rapport/core'
import BetterSqlite3, { type Database } from 'better-sqlite3'

function directoryProblem(filename: string): string | undefined {
  const directory = dirname(resolve(filename))
  try {
    if (!statSync(directory).isDirectory()) return `${directory} is not a directory`
  } catch {
    return `the directory ${directory} does not exist`
  }
  return undefined
}

/**
 * Opens the database file Rapport owns and sets it up: WAL journaling and `synchronous = NORMAL` for a file,
 * the busy timeout, foreign keys on. Anything that goes wrong (a missing directory, no permission, a file
 * that is not a database, which SQLite notices only at the first statement) is a ConfigError that says what
 * to do, with the driver's error as its cause; a half-opened connection is closed.
 */
export function openDatabaseFile(filename: string, busyTimeoutMs: number): Database {
  let database: Database | undefined
  try {
    database = new BetterSqlite3(filename, { timeout: busyTimeoutMs })
    if (filename !== ':memory:') {
      database.pragma('journal_mode = WAL')
      database.pragma('synchronous = NORMAL')
    }
    database.pragma('foreign_keys = ON')
    return database
  } catch (error) {
    database?.close()
    const missing = filename === ':memory:' ? undefined : directoryProblem(filename)
    if (missing) {
      throw new ConfigError(
        `sqliteAdapter: cannot open ${JSON.stringify(filename)}: ${missing}. Create the directory first (for example with mkdirSync(dir, { recursive: true })) or pass a filename in an existing one.`,
        { cause: error },
      )
    }
    const code = (error as { code?: unknown }).code
    const reason = error instanceof Error ? error.message : String(error)
    throw new ConfigError(
      `sqliteAdapter: cannot open ${JSON.stringify(filename)}: ${reason}${typeof code === 'string' ? ` (${code})` : ''}. Check that the path names a SQLite database file (or a new file), and that this process may read and write it and its directory (SQLite writes its -wal and -shm files beside it).`,
      { cause: error },
    )
  }
}
