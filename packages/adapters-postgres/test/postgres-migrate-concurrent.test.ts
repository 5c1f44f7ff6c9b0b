import { createCrm } from '@rapport/core'
import { MIGRATIONS } from '@rapport/core/sql'
import { postgresAdapter } from '@rapport/postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { openPostgres } from './pg-harness'

const opened = await openPostgres('migrate_together')

afterAll(() => opened.dispose())

describe('several migrates of one database at once', () => {
  it('apply each migration once, and every one of them finishes', async () => {
    // Separate adapters over the database's pool: on a server, separate connections racing for the lock row.
    const adapters = Array.from({ length: 3 }, () =>
      postgresAdapter({ pool: opened.pool }, { schema: opened.schema }),
    )
    const reports = await Promise.all(adapters.map((adapter) => adapter.migrate()))
    expect(reports.flatMap((r) => r.applied).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort())
    const recorded = await opened.query(
      `select name from "${opened.schema}".rapport_migrations order by name`,
    )
    expect(recorded.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name))
    const crm = createCrm({ adapter: adapters[0]! })
    const contact = await crm.tenant('t1').contacts.create({ firstName: 'Ada' })
    expect((await crm.tenant('t1').contacts.get(contact.id)).firstName).toBe('Ada')
  })
})
