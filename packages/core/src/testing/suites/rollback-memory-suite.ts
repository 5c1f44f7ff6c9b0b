import { describe, expect, it } from 'vitest'
import { isRapportError } from '../../errors/rapport-error'
import { freshTenant, type SuiteContext } from '../test-kit'
import type { SuiteTenant } from './sla-fixtures'

/**
 * In-memory state that depends on a commit changes only after it: a command that fails and rolls back leaves
 * nothing in memory that a later command of the same process would trust.
 */
export function rollbackMemorySuite(ctx: SuiteContext) {
  describe('in-memory state after a rollback', () => {
    it('a failed first deal or pipeline call leaves the tenant able to create deals in the same process', async () => {
      const failures: [string, (t: SuiteTenant) => Promise<unknown>][] = [
        ['unknown stage', (t) => t.deals.create({ name: 'Deal', stage: 'nope' })],
        [
          'wrong currency',
          (t) => t.deals.create({ name: 'Deal', amount: { amountMinor: 100, currency: 'JPY' } }),
        ],
        [
          'invalid pipelines.create',
          (t) => t.pipelines.create({ key: 'bad', label: 'Bad', currency: 'USD', stages: [] } as never),
        ],
      ]
      // A CRM of its own, so no earlier test of this file has already seeded anything in its memory.
      const crm = ctx.crmWith({})
      for (const [label, fail] of failures) {
        const t = crm.tenant(freshTenant())
        const error = await fail(t).catch((e: unknown) => e)
        expect(isRapportError(error), label).toBe(true)
        const deal = await t.deals.create({
          name: `After ${label}`,
          amount: { amountMinor: 500, currency: 'USD' },
        })
        expect(deal, label).toMatchObject({ name: `After ${label}`, stageKey: expect.any(String) })
        expect((await t.pipelines.list()).length, label).toBeGreaterThan(0)
      }
    })
  })
}
