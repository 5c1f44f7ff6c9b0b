import { createCrm } from '@rapport/core'
import { postgresAdapter } from '@rapport/postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenedPostgres, openPostgres } from './pg-harness'

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
})
