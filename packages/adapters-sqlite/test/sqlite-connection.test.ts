import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BusyError, ConfigError, createCrm, RapportError } from '@rapport/core'
import { sqliteAdapter, sqliteDialect } from '@rapport/sqlite'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'rapport-sqlite-connection-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('sqliteAdapter: opening', () => {
  it('a file in a directory that does not exist is a ConfigError that says so and what to do', () => {
    const error = thrown(() => sqliteAdapter({ filename: join(dir, 'missing', 'dir', 'x.db') }))
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).message).toContain(
      `the directory ${join(dir, 'missing', 'dir')} does not exist`,
    )
    expect((error as ConfigError).message).toContain('Create the directory first')
    expect((error as ConfigError).cause).toBeInstanceOf(Error)
  })

  it('a file that is not a database, or a directory, is a ConfigError with the driver error as cause', () => {
    const notDb = join(dir, 'not-a-database.db')
    writeFileSync(notDb, 'plain text, not SQLite\n'.repeat(200))
    const error = thrown(() => sqliteAdapter({ filename: notDb }))
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).message).toMatch(/file is not a database \(SQLITE_NOTADB\)/)
    expect((error as ConfigError).cause).toMatchObject({ code: 'SQLITE_NOTADB' })

    const folder = join(dir, 'a-folder')
    mkdirSync(folder)
    const cantOpen = thrown(() => sqliteAdapter({ filename: folder }))
    expect(cantOpen).toBeInstanceOf(ConfigError)
    expect((cantOpen as ConfigError).cause).toMatchObject({ code: 'SQLITE_CANTOPEN' })
  })

  it('a closed app-owned connection is a ConfigError', () => {
    const closed = new BetterSqlite3(':memory:')
    closed.close()
    const error = thrown(() => sqliteAdapter({ database: closed }))
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).message).toMatch(/database is closed; pass an open connection/)
  })

  it('busyTimeoutMs must be a whole number of milliseconds', () => {
    for (const busyTimeoutMs of [-1, 1.5, Number.NaN, 2 ** 31]) {
      expect(() => sqliteAdapter({ filename: ':memory:' }, { busyTimeoutMs })).toThrow(ConfigError)
    }
  })

  it('an app-owned connection keeps its own busy timeout unless busyTimeoutMs is given', async () => {
    const file = join(dir, 'timeouts.db')
    const mine = new BetterSqlite3(file, { timeout: 1234 })
    await sqliteAdapter({ database: mine }).close()
    expect(mine.pragma('busy_timeout', { simple: true })).toBe(1234)
    await sqliteAdapter({ database: mine }, { busyTimeoutMs: 250 }).close()
    expect(mine.pragma('busy_timeout', { simple: true })).toBe(250)
    mine.close()
  })
})

describe('sqliteAdapter: contention', () => {
  it('begins every transaction with BEGIN IMMEDIATE', async () => {
    const statements: string[] = []
    const crm = createCrm({
      adapter: sqliteAdapter({ filename: ':memory:' }, { onQuery: (q) => statements.push(q.sql) }),
    })
    await crm.migrate()
    statements.length = 0
    await crm.tenant('t').contacts.create({ firstName: 'Ada' })
    expect(statements[0]).toBe('begin immediate')
    expect(statements).not.toContain('begin')
    await crm.close()
  })

  it('a write lock held past busyTimeoutMs is a retryable BusyError, and nothing is written', async () => {
    const file = join(dir, 'held.db')
    const crm = createCrm({ adapter: sqliteAdapter({ filename: file }, { busyTimeoutMs: 20 }) })
    await crm.migrate()
    const t = crm.tenant('t')
    const ada = await t.contacts.create({ firstName: 'Ada' })
    // Another connection (another process, as far as SQLite can tell) holds the write lock.
    const other = new BetterSqlite3(file)
    other.exec('begin immediate')
    const error = await t.contacts
      .update(ada.id, { lastName: 'Lovelace' }, { expectedVersion: 1 })
      .catch((e) => e)
    expect(error).toBeInstanceOf(BusyError)
    expect(error).toMatchObject({ code: 'busy', retryable: true, details: { reason: 'locked' } })
    expect(error.cause).toMatchObject({ code: 'SQLITE_BUSY' })
    other.exec('rollback')
    other.close()
    expect(await t.contacts.get(ada.id)).toMatchObject({ version: 1, lastName: null })
    // The lock gone, the same command goes through.
    await t.contacts.update(ada.id, { lastName: 'Lovelace' }, { expectedVersion: 1 })
    await crm.close()
  })

  it("waits for another connection's write lock without blocking the thread, then writes", async () => {
    const file = join(dir, 'released.db')
    const crm = createCrm({ adapter: sqliteAdapter({ filename: file }) })
    await crm.migrate()
    const t = crm.tenant('t')
    const ada = await t.contacts.create({ firstName: 'Ada' })
    const other = new BetterSqlite3(file)
    other.exec('begin immediate')
    // Only this thread's event loop can release the lock: a wait inside SQLite's busy handler would block
    // it until the timeout, and the update would fail.
    setTimeout(() => other.exec('commit'), 50)
    const updated = await t.contacts.update(ada.id, { lastName: 'Lovelace' }, { expectedVersion: 1 })
    expect(updated).toMatchObject({ version: 2, lastName: 'Lovelace' })
    other.close()
    await crm.close()
  })

  it('classifies every SQLITE_BUSY and SQLITE_LOCKED code as locked, nothing else', () => {
    const dialect = sqliteDialect(new BetterSqlite3(':memory:'))
    for (const code of [
      'SQLITE_BUSY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_BUSY_RECOVERY',
      'SQLITE_LOCKED',
      'SQLITE_LOCKED_SHAREDCACHE',
    ]) {
      expect(dialect.classifyFailure!(Object.assign(new Error('database is locked'), { code }))).toBe(
        'locked',
      )
    }
    for (const error of [
      Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }),
      new Error('x'),
      null,
      'SQLITE_BUSY',
    ]) {
      expect(dialect.classifyFailure!(error)).toBeUndefined()
    }
  })

  it('two adapters over ONE better-sqlite3 connection, used at once, take turns', async () => {
    const database = new BetterSqlite3(':memory:')
    const first = createCrm({ adapter: sqliteAdapter({ database }) })
    const second = createCrm({ adapter: sqliteAdapter({ database }) })
    await first.migrate()
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? first : second).tenant('t').contacts.create({ firstName: `C${i}` }),
      ),
    )
    const updated = await Promise.all(
      created.map((c, i) =>
        (i % 2 ? second : first).tenant('t').contacts.update(c.id, { lastName: 'L' }, { expectedVersion: 1 }),
      ),
    )
    expect(updated.map((c) => c.version)).toEqual(created.map(() => 2))
    expect(await first.tenant('t').contacts.count()).toBe(40)
    expect(database.inTransaction).toBe(false)
    database.close()
  })

  it('one adapter runs a burst of concurrent commands one transaction at a time', async () => {
    const crm = createCrm({ adapter: sqliteAdapter({ filename: ':memory:' }) })
    await crm.migrate()
    const t = crm.tenant('t')
    const contacts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.contacts.create({ firstName: `C${i}` })),
    )
    const outcomes = await Promise.allSettled([
      ...contacts.map((c) => t.contacts.update(c.id, { lastName: 'L' }, { expectedVersion: 1 })),
      ...contacts.map((c) => t.activities.create({ type: 'note', subject: 'hi', contactIds: [c.id] })),
    ])
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([])
    expect(await t.activities.count()).toBe(30)
    await crm.close()
  })

  it('two connections to one file in one thread take turns instead of blocking the thread on the lock', async () => {
    const file = join(dir, 'same-thread.db')
    const first = createCrm({ adapter: sqliteAdapter({ filename: file }) })
    const second = createCrm({ adapter: sqliteAdapter({ filename: file }) })
    await first.migrate()
    const [a, b] = [first.tenant('t'), second.tenant('t')]
    const ada = await a.contacts.create({ firstName: 'Ada' })
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, async (_, i) => {
        const crm = i % 2 ? a : b
        const current = await crm.contacts.get(ada.id)
        return crm.contacts.update(ada.id, { lastName: `L${i}` }, { expectedVersion: current.version })
      }),
    )
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []))
    // Losing a compare-and-set is fine; contention (busy) or a raw error is not.
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(RapportError)
      expect(failure.code).toBe('conflict')
    }
    const successes = outcomes.length - failures.length
    expect(successes).toBeGreaterThan(0)
    expect((await b.contacts.get(ada.id)).version).toBe(1 + successes)
    await first.close()
    await second.close()
  })
})
