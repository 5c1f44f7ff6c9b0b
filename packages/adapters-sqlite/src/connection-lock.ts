import { resolve } from 'node:path'
import type { Database } from 'better-sqlite3'

/** Gives the connection back to the next waiter. */
export type ReleaseConnection = () => void

/**
 * A first-come, first-served lock. A better-sqlite3 connection has one transaction state, so whoever holds
 * this lock owns the connection until it releases it.
 */
class ConnectionLock {
  #tail: Promise<void> = Promise.resolve()

  acquire(): Promise<ReleaseConnection> {
    let release!: ReleaseConnection
    const released = new Promise<void>((done) => {
      release = done
    })
    const acquired = this.#tail.then(() => release)
    this.#tail = this.#tail.then(() => released)
    return acquired
  }
}

// A connection to a file is keyed by the file's path, so every connection this thread opened to one file
// takes turns too: better-sqlite3 waits for a lock synchronously, so a second connection in the same thread
// that waited on SQLite's busy timeout would block the very event loop the first one needs to finish its
// transaction, and fail after the timeout. Other threads and processes have their own locks and meet in
// SQLite's. An in-memory database is private to its connection, so the connection object is the key.
const fileLocks = new Map<string, ConnectionLock>()
const memoryLocks = new WeakMap<Database, ConnectionLock>()

function lockOf(database: Database): ConnectionLock {
  if (database.memory) {
    let lock = memoryLocks.get(database)
    if (!lock) {
      lock = new ConnectionLock()
      memoryLocks.set(database, lock)
    }
    return lock
  }
  const path = resolve(database.name)
  let lock = fileLocks.get(path)
  if (!lock) {
    lock = new ConnectionLock()
    fileLocks.set(path, lock)
  }
  return lock
}

/**
 * Waits until no other Rapport transaction (or query outside one) of this thread is using this
 * better-sqlite3 connection, or another connection to the same file, then holds it until the returned
 * function is called. Two adapters over one connection would otherwise interleave their transactions
 * ("cannot start a transaction within a transaction") or read each other's uncommitted rows.
 */
export function acquireConnection(database: Database): Promise<ReleaseConnection> {
  return lockOf(database).acquire()
}
