import { MigrationError } from '@rapport/core'
import { MIGRATIONS } from '@rapport/core/sql'
import { sqliteAdapter } from '@rapport/sqlite'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'

const ALL = MIGRATIONS.map((m) => m.name)

function tables(db: BetterSqlite3.Database): string[] {
  return db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[]
}

describe('a migration that fails', () => {
  it('leaves nothing of itself behind, and the next migrate, once the cause is gone, applies it', async () => {
    const db = new BetterSqlite3(':memory:')
    // The app already has a table by the name of the last one the first migration creates.
    db.exec('create table outbox (anything text)')
    const adapter = sqliteAdapter({ database: db })
    const error = await adapter.migrate().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MigrationError)
    expect(error).toMatchObject({ code: 'migration', details: { migration: ALL[0] } })
    expect((error as Error).message).toMatch(
      /^sqlite: migration 0001_customer_model failed: table "?outbox"? already exists/,
    )
    // The tables the migration created before it failed were rolled back with it.
    expect(tables(db)).toEqual(['outbox', 'rapport_migrations', 'rapport_migrations_lock'])
    expect(db.prepare('select count(*) from rapport_migrations').pluck().get()).toBe(0)

    db.exec('drop table outbox')
    expect((await adapter.migrate()).applied).toEqual(ALL)
    db.close()
  })

  it('refuses a database that records a migration this Rapport does not know, and writes nothing', async () => {
    const db = new BetterSqlite3(':memory:')
    const adapter = sqliteAdapter({ database: db })
    await adapter.migrate()
    db.prepare(
      "insert into rapport_migrations (name, timestamp) values ('9999_from_the_future', '2030-01-01')",
    ).run()
    const before = db.prepare('select sql from sqlite_master order by name').pluck().all()
    const error = await adapter.migrate().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'migration' })
    expect((error as Error).message).toContain('9999_from_the_future')
    expect((error as Error).message).toContain('upgrade Rapport')
    expect(db.prepare('select sql from sqlite_master order by name').pluck().all()).toEqual(before)
    db.close()
  })
})
