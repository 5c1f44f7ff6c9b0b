import { createCrm } from '@rapport/core'
import { postgresAdapter } from '@rapport/postgres'
import type { PostgresPool } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenedPostgres, openPostgres, postgresTarget } from './pg-harness'

// Rapport inside the host application's own database: in the schema of the app's own `contacts` table, kept
// apart by a table prefix, on a pool the app owns (Rapport must not end it).
describe('postgres: inside the app database', () => {
  let opened: OpenedPostgres
  beforeAll(async () => {
    opened = await openPostgres('embed')
  })
  afterAll(() => opened.dispose())

  it("shares the app's schema and pool without touching the app's tables", async () => {
    const { schema, query, pool } = opened
    await query(`create schema "${schema}"`)
    await query(`create table "${schema}".contacts (id serial primary key, note text)`)
    await query(`insert into "${schema}".contacts (note) values ('the app''s row')`)
    const crm = createCrm({ adapter: postgresAdapter({ pool }, { schema, tablePrefix: 'crm_' }) })
    await crm.migrate()
    const ada = await crm.tenant('t').contacts.create({ firstName: 'Ada' })
    await crm.close()
    expect(await query(`select note from "${schema}".contacts`)).toEqual([{ note: "the app's row" }])
    expect(await query(`select first_name from "${schema}".crm_contacts where id = $1`, [ada.id])).toEqual([
      { first_name: 'Ada' },
    ])
    // The app's pool is still usable: Rapport did not end it.
    expect(await query('select 1 as one')).toEqual([{ one: 1 }])
  })

  it('migrates into its own search_path schema when another schema of the database already has Rapport', async () => {
    const { schema, query } = opened
    const other = `${schema}_other`
    const own = `${schema}_own`
    await query(`create schema "${other}"`)
    await query(`create schema "${own}"`)
    try {
      // Another app's Rapport, in its own schema of the same database.
      await postgresAdapter({ pool: opened.pool }, { schema: other }).migrate()
      // This app names no schema: its tables follow its search_path.
      const target = postgresTarget()
      let pool: PostgresPool = opened.pool
      let ownPool: pg.Pool | undefined
      if (target.kind === 'server') {
        ownPool = new pg.Pool({ connectionString: target.url, max: 2, options: `-c search_path=${own}` })
        pool = ownPool
      } else {
        await query(`set search_path to "${own}"`) // PGlite: one session for the whole pool
      }
      try {
        const crm = createCrm({ adapter: postgresAdapter({ pool }) })
        expect((await crm.migrate()).applied.length).toBeGreaterThan(0)
        await crm.tenant('t').contacts.create({ firstName: 'Ada' })
        expect(await query(`select first_name from "${own}".contacts`)).toEqual([{ first_name: 'Ada' }])
        expect(await query(`select count(*)::int as n from "${other}".contacts`)).toEqual([{ n: 0 }])
      } finally {
        await ownPool?.end()
        if (!ownPool) await query('set search_path to default')
      }
    } finally {
      await query(`drop schema "${own}" cascade`)
      await query(`drop schema "${other}" cascade`)
    }
  })
})
