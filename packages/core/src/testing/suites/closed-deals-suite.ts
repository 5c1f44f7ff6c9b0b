import { describe, expect, it } from 'vitest'
import { freshTenant, type SuiteContext } from '../test-kit'

const DAY = 86_400_000

/** The closed-deals report on deals imported with a close before their creation in Rapport. */
export function closedDealsSuite(ctx: SuiteContext) {
  describe('closed deals report', () => {
    it('a won deal imported with closedAt before its creation counts for the win rate, not the cycle', async () => {
      const t = ctx.crm().tenant(freshTenant())
      ctx.clock.set('2026-03-02T09:00:00.000Z')
      const grown = await t.deals.create({ name: 'Grown here' })
      ctx.clock.advance(4 * DAY)
      await t.deals.markWon(grown.id)
      // Imported a year after it was won: closedAt lies before its creation in Rapport.
      const imported = await t.deals.create({
        name: 'Imported',
        stage: 'closedWon',
        closedAt: '2025-03-01T00:00:00.000Z',
      })
      expect(imported).toMatchObject({ isWon: true, closedAt: '2025-03-01T00:00:00.000Z' })
      const range = { from: '2025-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }
      expect(await t.deals.reports.closedDeals(range)).toEqual({
        won: 2,
        lost: 0,
        winRate: 1,
        averageSalesCycleDays: 4,
        medianSalesCycleDays: 4,
      })
      // Only imported deals: the cycle is unknown, never negative.
      const only = ctx.crm().tenant(freshTenant())
      await only.deals.create({ name: 'Imported', stage: 'closedWon', closedAt: '2025-03-01T00:00:00.000Z' })
      expect(await only.deals.reports.closedDeals(range)).toMatchObject({
        won: 1,
        winRate: 1,
        averageSalesCycleDays: null,
        medianSalesCycleDays: null,
      })
    })
  })
}
