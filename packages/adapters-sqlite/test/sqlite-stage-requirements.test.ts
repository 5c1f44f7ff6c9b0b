import { createCrm, type PipelineInput } from '@rapport/core'
import { sqliteAdapter } from '@rapport/sqlite'
import { describe, expect, it, vi } from 'vitest'
import { compilePredicate } from '../../core/src/filter/compile-predicate'

// Counts compilations of filters into predicates; the compiler itself is the real one.
vi.mock('../../core/src/filter/compile-predicate', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../core/src/filter/compile-predicate')>()
  return { ...original, compilePredicate: vi.fn(original.compilePredicate) }
})

const open = { probability: 0.5, forecastCategory: 'bestCase', isClosed: false, isWon: false } as const

/** Two gated stages with the same requirements, between two open stages without. */
function gatedPipeline(minimumAmount: number): PipelineInput {
  const requirements = { field: 'amountMinor', op: 'gte', value: minimumAmount }
  return {
    key: 'gated',
    label: 'Gated',
    currency: 'USD',
    stages: [
      { key: 'lead', label: 'Lead', ...open },
      { key: 'quote', label: 'Quote', ...open, requirements },
      { key: 'review', label: 'Review', ...open, requirements },
      { key: 'won', label: 'Won', probability: 1, forecastCategory: 'closed', isClosed: true, isWon: true },
    ],
  }
}

describe('stage requirements through deals.move (SQLite in memory)', () => {
  it('compiles a stage’s requirements once across many moves; an edit applies from the next move', async () => {
    const crm = createCrm({ adapter: sqliteAdapter({ filename: ':memory:' }) })
    await crm.migrate()
    const t = crm.tenant('t1')
    await t.pipelines.create(gatedPipeline(1_000))
    const deals = await t.deals.createMany(
      [1, 2, 3].map((i) => ({
        name: `Deal ${i}`,
        pipeline: 'gated',
        amount: { amountMinor: 5_000, currency: 'USD' },
      })),
    )
    const compiled = vi.mocked(compilePredicate)
    compiled.mockClear()
    for (let lap = 0; lap < 4; lap++) {
      for (const deal of deals) {
        await t.deals.move(deal.id, 'quote')
        await t.deals.move(deal.id, 'review')
        await t.deals.move(deal.id, 'lead')
      }
    }
    // 24 moves into gated stages: one compilation, for the one requirements filter both stages share.
    expect(compiled).toHaveBeenCalledTimes(1)

    await t.pipelines.update('gated', gatedPipeline(10_000))
    const [first, second] = deals
    await expect(t.deals.move(first!.id, 'quote')).rejects.toMatchObject({
      code: 'transitionRefused',
      details: { reason: 'requirementsUnmet', toStage: 'quote' },
    })
    const { version } = await t.deals.get(second!.id)
    await t.deals.update(
      second!.id,
      { amount: { amountMinor: 20_000, currency: 'USD' } },
      { expectedVersion: version },
    )
    expect((await t.deals.move(second!.id, 'quote')).stageKey).toBe('quote')
    expect(compiled).toHaveBeenCalledTimes(2)
    await crm.close()
  })
})
