import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCrm } from '@rapport/core'
import { MIGRATIONS } from '@rapport/core/sql'
import { sqliteAdapter } from '@rapport/sqlite'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BundledChild, bundleChild, inBatches, runChild } from '../../../test-support/child-processes'

const CHILD = fileURLToPath(new URL('./fixtures/migrate-until-killed.ts', import.meta.url))
const ALL = MIGRATIONS.map((m) => m.name)

let child: BundledChild
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-migrate-crash-'))
  child = await bundleChild(CHILD, ['better-sqlite3'])
})

afterAll(async () => {
  await child?.dispose()
  rmSync(dir, { recursive: true, force: true })
})

/** Everything migrations create, as SQLite describes it, plus what the bookkeeping recorded. */
function schemaOf(file: string) {
  const db = new BetterSqlite3(file, { readonly: true })
  try {
    return {
      objects: db
        .prepare(
          "select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by type, name",
        )
        .all(),
      migrations: db.prepare('select name from rapport_migrations order by name').pluck().all(),
      lock: db.prepare('select id, is_locked from rapport_migrations_lock').all(),
      integrity: db.pragma('integrity_check', { simple: true }),
    }
  } finally {
    db.close()
  }
}

/** The migrations a killed run left recorded (none when it died before creating the table). */
function recordedIn(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true })
  try {
    const table = db.prepare("select 1 from sqlite_master where name = 'rapport_migrations'").get()
    return table
      ? (db.prepare('select name from rapport_migrations order by name').pluck().all() as string[])
      : []
  } finally {
    db.close()
  }
}

/** How many child processes share the kill points, and how many run at once. */
const CHILDREN = 4
const AT_ONCE = Math.max(2, availableParallelism())

/** Migrates the file that a child left after a kill, checks a command works, and says what the kill left. */
async function recover(killAfter: number, expected: ReturnType<typeof schemaOf>): Promise<number> {
  const file = join(dir, `killed-${killAfter}.db`)
  const recorded = recordedIn(file)
  const crm = createCrm({ adapter: sqliteAdapter({ filename: file }) })
  try {
    const report = await crm.migrate()
    expect(report.applied, `re-run after a kill at statement ${killAfter}`).toEqual(
      ALL.filter((name) => !recorded.includes(name)),
    )
    const contact = await crm.tenant('t1').contacts.create({ firstName: 'Ada', email: 'ada@example.com' })
    expect((await crm.tenant('t1').contacts.get(contact.id)).firstName).toBe('Ada')
  } finally {
    await crm.close()
  }
  expect(schemaOf(file), `schema after a kill at statement ${killAfter} and a re-run`).toEqual(expected)
  return recorded.length
}

describe('migrate killed at any statement (SQLite file, child process)', () => {
  it('recovers on the next migrate to the same schema as a fresh database, for every statement', async () => {
    // The reference: a fresh file migrated to the end, counting the statements that takes.
    const fresh = join(dir, 'fresh.db')
    let statements = 0
    const crm = createCrm({
      adapter: sqliteAdapter(
        { filename: fresh },
        {
          onQuery: () => {
            statements += 1
          },
        },
      ),
    })
    await crm.migrate()
    await crm.close()
    const expected = schemaOf(fresh)
    expect(expected.migrations).toEqual(ALL)
    expect(expected.integrity).toBe('ok')

    const killPoints = Array.from({ length: statements }, (_, i) => i + 1)
    const groups = Array.from({ length: CHILDREN }, (_, g) => killPoints.filter((n) => n % CHILDREN === g))
    const recordedAfterKill = new Map<number, number>()
    await inBatches(groups, AT_ONCE, async (group) => {
      const exit = await runChild(child.file, [dir, ...group.map(String)])
      expect({ signal: exit.signal, output: exit.stdout, stderr: exit.stderr }).toEqual({
        signal: 'SIGKILL',
        output: '',
        stderr: '',
      })
      for (const killAfter of group) recordedAfterKill.set(killAfter, await recover(killAfter, expected))
    })

    // The kills landed before, inside and after the migrations: none recorded at first, then more and more
    // as the kill point moves on, every one by the last statement.
    const recorded = killPoints.map((n) => recordedAfterKill.get(n)!)
    expect(recorded[0]).toBe(0)
    expect(recorded.at(-1)).toBe(ALL.length)
    for (let i = 1; i < recorded.length; i++) expect(recorded[i]).toBeGreaterThanOrEqual(recorded[i - 1]!)
    expect(new Set(recorded).size).toBe(ALL.length + 1)
  })
})
