import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, createCrm } from '@rapport/core'
import { createSqlStore, migrationProvider, type SqlSchema, TableNames } from '@rapport/core/sql'
import { caseEntity, contactCompanyLinkEntity } from '@rapport/core/storage'
import { sqliteAdapter, sqliteDialect } from '@rapport/sqlite'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'rapport-sqlite-adapter-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('sqliteAdapter', () => {
  it("lives beside the app's own tables in the app's own connection, and never closes it", async () => {
    const db = new BetterSqlite3(join(dir, 'app.db'))
    db.exec(
      "create table contacts (id integer primary key, note text); insert into contacts (note) values ('the app''s row')",
    )
    const crm = createCrm({ adapter: sqliteAdapter({ database: db }, { tablePrefix: 'crm_' }) })
    await crm.migrate()
    const ada = await crm.tenant('t').contacts.create({ firstName: 'Ada' })
    await crm.close()
    expect(db.open).toBe(true)
    expect(db.prepare('select note from contacts').all()).toEqual([{ note: "the app's row" }])
    expect(db.prepare('select first_name from crm_contacts where id = ?').get(ada.id)).toEqual({
      first_name: 'Ada',
    })
    const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
      name: string
    }[]
    expect(tables.map((t) => t.name).filter((n) => !n.startsWith('crm_'))).toEqual(['contacts'])
    db.close()
  })

  it('opens files with WAL and foreign keys on, and closes what it opened', async () => {
    const file = join(dir, 'owned.db')
    const adapter = sqliteAdapter({ filename: file })
    await adapter.migrate()
    const probe = new BetterSqlite3(file)
    expect(probe.pragma('journal_mode', { simple: true })).toBe('wal')
    probe.close()
    // A link to a contact that does not exist in the tenant breaks the composite foreign key.
    const now = new Date().toISOString()
    const orphan = {
      id: 'ccl_1',
      version: 1,
      createdAt: now,
      updatedAt: now,
      contactId: 'con_x',
      companyId: 'com_x',
      role: null,
      isPrimary: false,
    }
    await expect(
      adapter.transaction((tx) => tx.insert(contactCompanyLinkEntity, 't', [orphan])),
    ).rejects.toMatchObject({
      code: 'storage',
    })
    await adapter.close()
    await adapter.close()
  })

  it('refuses bad configuration with a ConfigError', () => {
    expect(() => sqliteAdapter({ filename: '' })).toThrow(ConfigError)
    expect(() => sqliteAdapter({ database: {} as never })).toThrow(ConfigError)
    expect(() => sqliteAdapter({ filename: ':memory:' }, { tablePrefix: 'bad-prefix' })).toThrow(ConfigError)
  })

  it('reports a failed migration as a MigrationError', async () => {
    const file = join(dir, 'readonly.db')
    new BetterSqlite3(file).close()
    const db = new BetterSqlite3(file, { readonly: true })
    const crm = createCrm({ adapter: sqliteAdapter({ database: db }) })
    await expect(crm.migrate()).rejects.toMatchObject({ code: 'migration' })
    db.close()
  })

  it('applies every migration in number order, once', async () => {
    const adapter = sqliteAdapter({ filename: ':memory:' })
    expect((await adapter.migrate()).applied).toEqual([
      '0001_customer_model',
      '0002_pipelines_and_deals',
      '0003_purchases_and_segments',
      '0004_cases_and_sla',
      '0005_campaigns',
    ])
    expect((await adapter.migrate()).applied).toEqual([])
    await adapter.close()
  })

  it('applies a migration numbered below one already run (features merge in any order)', async () => {
    const database = new BetterSqlite3(':memory:')
    const db = new Kysely<SqlSchema>({ dialect: new SqliteDialect({ database }) })
    const all = await migrationProvider(sqliteDialect(database), new TableNames()).getMigrations()
    // A database that ran 1 and 4 before the code with 2, 3 and 5 arrived.
    const early = new Migrator({
      db,
      provider: {
        getMigrations: async () => ({
          '0001_customer_model': all['0001_customer_model']!,
          '0004_cases_and_sla': all['0004_cases_and_sla']!,
        }),
      },
      migrationTableName: 'rapport_migrations',
      migrationLockTableName: 'rapport_migrations_lock',
    })
    expect((await early.migrateToLatest()).error).toBeUndefined()
    const adapter = sqliteAdapter({ database })
    expect((await adapter.migrate()).applied).toEqual([
      '0002_pipelines_and_deals',
      '0003_purchases_and_segments',
      '0005_campaigns',
    ])
    await createCrm({ adapter }).tenant('t').deals.create({ name: 'After the late migration' })
    database.close()
  })

  it('keeps the FTS5 index in step through inserts, updates and VACUUM, with tenant_id on every row', async () => {
    const db = new BetterSqlite3(join(dir, 'fts.db'))
    const crm = createCrm({ adapter: sqliteAdapter({ database: db }, { tablePrefix: 'crm_' }) })
    await crm.migrate()
    const t = crm.tenant('t1')
    const first = await t.cases.create({ subject: 'Kettle whistles', description: 'loud' })
    const second = await t.cases.create({ subject: 'Toaster smokes' })
    await crm.tenant('t2').cases.create({ subject: 'Kettle whistles too' })
    db.exec('vacuum')
    await t.cases.update(first.id, { subject: 'Blender jams' }, { expectedVersion: 1 })
    const search = (terms: string[]) =>
      crm.adapter.reader.searchText!(caseEntity, 't1', { terms, limit: 10, now: new Date().toISOString() })
    expect((await search(['blender'])).map((h) => h.record.id)).toEqual([first.id])
    expect(await search(['kettle'])).toEqual([])
    expect((await search(['smoking'])).map((h) => h.record.id)).toEqual([second.id])
    const rows = db.prepare('select tenant_id, id from crm_cases_text order by tenant_id, subject').all()
    expect(rows).toEqual([
      { tenant_id: 't1', id: first.id },
      { tenant_id: 't1', id: second.id },
      { tenant_id: 't2', id: expect.stringMatching(/^case_/) },
    ])
    await crm.close()
    db.close()
  })

  it('a dialect without text search builds no index, and searching fails with a ConfigError', async () => {
    const database = new BetterSqlite3(':memory:')
    const { textSearch: _, ...plain } = sqliteDialect(database)
    const store = createSqlStore({
      name: 'plain-sqlite',
      db: new Kysely<SqlSchema>({ dialect: new SqliteDialect({ database }) }),
      dialect: plain,
    })
    await store.migrate()
    expect(store.capabilities.textSearch).toBe(false)
    expect(database.prepare("select name from sqlite_master where name like '%_text%'").all()).toEqual([])
    await expect(
      store.reader.searchText!(caseEntity, 't', { terms: ['x'], limit: 1, now: new Date().toISOString() }),
    ).rejects.toMatchObject({ code: 'config', details: { capability: 'textSearch' } })
    database.close()
  })
})

describe('indexes for custom fields', () => {
  it('crm.indexes.ensure creates an index the planner uses for the compiled custom-field filter', async () => {
    const { z } = await import('zod')
    const seen: { sql: string; parameters: readonly unknown[] }[] = []
    const db = new BetterSqlite3(':memory:')
    const crm = createCrm({
      adapter: sqliteAdapter({ database: db }, { onQuery: (q) => seen.push(q) }),
      customFields: { contact: z.object({ tier: z.enum(['gold', 'silver']).optional() }) },
    })
    await crm.migrate()
    const t = crm.tenant('t')
    await t.contacts.createMany(
      Array.from({ length: 200 }, (_, i) => ({
        firstName: `P${i}`,
        custom: { tier: i % 10 ? 'silver' : 'gold' },
      })),
    )
    const name = await crm.indexes.ensure({ entity: 'contact', fields: ['custom.tier'] })
    expect(name).toBe('contacts_by_custom_tier')
    seen.length = 0
    expect(await t.contacts.count({ filter: { field: 'custom.tier', op: 'eq', value: 'gold' } })).toBe(20)
    const query = seen.find((q) => q.sql.startsWith('select count'))!
    const plan = db.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as {
      detail: string
    }[]
    expect(plan.map((p) => p.detail).join(' | ')).toContain('contacts_by_custom_tier')
    await expect(crm.indexes.ensure({ entity: 'contact', fields: ['tags'] })).rejects.toMatchObject({
      code: 'validation',
    })
    await crm.indexes.ensure({ entity: 'contact', fields: ['custom.tier'] })
    db.close()
  })
})
