import { ConfigError, createCrm } from '@rapport/core'
import { caseEntity, contactCompanyLinkEntity } from '@rapport/core/storage'
import { postgresAdapter } from '@rapport/postgres'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenedPostgres, openPostgres } from './pg-harness'

describe('postgresAdapter', () => {
  let opened: OpenedPostgres
  beforeAll(async () => {
    opened = await openPostgres('adapter')
    await opened.adapter.migrate()
  })
  afterAll(() => opened.dispose())

  it('stores custom fields as jsonb, instants as timestamptz, integers as bigint, text with the C collation', async () => {
    await createCrm({ adapter: opened.adapter }).tenant('t').contacts.create({ firstName: 'Ada' })
    const rows = await opened.query<{
      column_name: string
      data_type: string
      collation_name: string | null
    }>(
      "select column_name, data_type, collation_name from information_schema.columns where table_schema = $1 and table_name = 'contacts'",
      [opened.schema],
    )
    const columns = Object.fromEntries(rows.map((r) => [r.column_name, [r.data_type, r.collation_name]]))
    expect(columns).toMatchObject({
      custom: ['jsonb', null],
      created_at: ['timestamp with time zone', null],
      version: ['bigint', null],
      first_name: ['text', 'C'],
    })
  })

  it('keeps a tenant from pointing at another tenant (composite foreign keys)', async () => {
    const a = createCrm({ adapter: opened.adapter }).tenant('a')
    const contact = await a.contacts.create({ firstName: 'A' })
    const company = await a.companies.create({ name: 'A Co' })
    const now = new Date().toISOString()
    const link = {
      id: 'ccl_x',
      version: 1,
      createdAt: now,
      updatedAt: now,
      contactId: contact.id,
      companyId: company.id,
      role: null,
      isPrimary: false,
    }
    await expect(
      opened.adapter.transaction((tx) => tx.insert(contactCompanyLinkEntity, 'b', [link])),
    ).rejects.toMatchObject({
      code: 'storage',
    })
    await opened.adapter.transaction((tx) => tx.insert(contactCompanyLinkEntity, 'a', [link]))
    expect((await a.contacts.companies(contact.id)).map((c) => c.company.id)).toEqual([company.id])
  })

  it('crm.indexes.ensure creates an index the planner uses for the compiled custom-field filter', async () => {
    const { z } = await import('zod')
    const seen: { sql: string; parameters: readonly unknown[] }[] = []
    const crm = createCrm({
      adapter: postgresAdapter(
        { pool: opened.pool },
        { schema: opened.schema, onQuery: (q) => seen.push(q) },
      ),
      customFields: { contact: z.object({ tier: z.enum(['gold', 'silver']).optional() }) },
    })
    const t = crm.tenant('idx')
    await t.contacts.createMany(
      Array.from({ length: 300 }, (_, i) => ({
        firstName: `P${i}`,
        custom: { tier: i % 30 ? 'silver' : 'gold' },
      })),
    )
    expect(await crm.indexes.ensure({ entity: 'contact', fields: ['custom.tier'] })).toBe(
      'contacts_by_custom_tier',
    )
    await opened.query(`analyze "${opened.schema}".contacts`)
    seen.length = 0
    expect(await t.contacts.count({ filter: { field: 'custom.tier', op: 'eq', value: 'gold' } })).toBe(10)
    const query = seen.find((q) => q.sql.startsWith('select count'))!
    // One connection for both statements: the planner setting must apply to the explain.
    const client = await opened.pool.connect()
    try {
      await client.query('set enable_seqscan = off', [])
      const plan = await client.query<{ 'QUERY PLAN': string }>(`explain ${query.sql}`, [...query.parameters])
      await client.query('set enable_seqscan = on', [])
      expect(plan.rows.map((p) => p['QUERY PLAN']).join(' | ')).toContain('contacts_by_custom_tier')
    } finally {
      client.release()
    }
  })

  it('refuses bad configuration with a ConfigError', () => {
    expect(() => postgresAdapter({ connectionString: '' })).toThrow(ConfigError)
    expect(() => postgresAdapter({ pool: {} as never })).toThrow(ConfigError)
    expect(() => postgresAdapter({ pool: new pg.Pool() }, { schema: 'bad schema' })).toThrow(ConfigError)
    expect(() => postgresAdapter({ pool: new pg.Pool() }, { tablePrefix: 'x-' })).toThrow(ConfigError)
  })

  it('searches case text through an expression GIN index, one tenant at a time', async () => {
    const crm = createCrm({ adapter: opened.adapter })
    const kettle = await crm
      .tenant('a')
      .cases.create({ subject: 'Kettle whistles', description: 'lid rattles' })
    await crm.tenant('b').cases.create({ subject: 'Kettle whistles' })
    const indexes = await opened.query<{ indexdef: string }>(
      "select indexdef from pg_indexes where schemaname = $1 and indexname = 'cases_text'",
      [opened.schema],
    )
    expect(indexes[0]?.indexdef).toMatch(/USING gin .*to_tsvector\('english'::regconfig/)
    const hits = await opened.adapter.reader.searchText!(caseEntity, 'a', {
      terms: ['rattling', 'whistle'],
      limit: 5,
      now: new Date().toISOString(),
    })
    expect(hits.map((h) => h.record.id)).toEqual([kettle.id])
    expect(hits[0]!.rank).toBeGreaterThan(0)
  })
})
