import { createCrm } from '@rapport/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWatchedPostgres, type WatchedPostgres } from './watched-postgres'

// Commands that write several rows lock them in one global order (by id), so two of them never wait on each
// other in a cycle. The pool counts every 40P01 the server raised, including those Rapport would retry.
describe('postgres: lock order', () => {
  let pg: WatchedPostgres
  beforeAll(async () => {
    pg = await openWatchedPostgres('lockorder')
    await pg.adapter().migrate()
  })
  afterAll(() => pg.dispose())

  it('winning deals that share contacts in opposite link order never deadlocks', async () => {
    let n = 0
    // Ids in creation order, so deal A's links name X before Y and deal B's name Y before X.
    const crm = createCrm({
      adapter: pg.adapter(),
      idGenerator: (prefix) => `${prefix}_${String(++n).padStart(10, '0')}`,
    })
    const t = crm.tenant('lockorder')
    const pairs = await Promise.all(
      // PGlite runs one transaction at a time (no deadlock is possible there), so fewer pairs prove the outcome.
      Array.from({ length: pg.kind === 'server' ? 15 : 5 }, async (_, i) => {
        const x = await t.contacts.create({ firstName: `X${i}`, lifecycleStage: 'lead' })
        const y = await t.contacts.create({ firstName: `Y${i}`, lifecycleStage: 'lead' })
        const a = await t.deals.create({
          name: `A${i}`,
          contacts: [{ contactId: x.id }, { contactId: y.id }],
        })
        const b = await t.deals.create({
          name: `B${i}`,
          contacts: [{ contactId: y.id }, { contactId: x.id }],
        })
        return { contacts: [x.id, y.id], deals: [a.id, b.id] }
      }),
    )
    const before = pg.watched.failures('40P01')
    const results = await Promise.allSettled(pairs.flatMap((p) => p.deals.map((id) => t.deals.markWon(id))))
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    expect(pg.watched.failures('40P01') - before).toBe(0)
    for (const id of pairs.flatMap((p) => p.contacts)) {
      expect((await t.contacts.get(id)).lifecycleStage).toBe('customer')
      expect(await t.contacts.lifecycleHistory(id)).toHaveLength(1)
    }
    await crm.close()
  })
})
