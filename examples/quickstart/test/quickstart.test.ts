import { createCrm } from '@rapport/core'
import { sqliteAdapter } from '@rapport/sqlite'
import { expect, it } from 'vitest'
import { repairShopFields, repairShopPipelines } from '../src/custom-fields'
import { runQuickstart } from '../src/story'
import { StoryClock } from '../src/story-clock'

it('the quickstart story runs and gives its key figures', async () => {
  const clock = new StoryClock()
  const crm = createCrm({
    adapter: sqliteAdapter({ filename: ':memory:' }),
    clock,
    customFields: repairShopFields,
    pipelines: repairShopPipelines,
  })
  await crm.migrate()
  const printed: string[] = []
  const figures = await runQuickstart(crm, clock, (text) => printed.push(text))
  expect(figures).toEqual({
    contacts: 4,
    // Jonas converted into an opportunity, so only Lena is still a lead in Berlin.
    leadsInBerlin: 1,
    emailAudience: 2,
    timelineEntries: 2,
    lifecycle: 'salesQualified',
    pages: 2,
    dealStage: 'won',
    // 1,890.00 EUR at the quote stage's 60%, before the deal was won
    openPipelineMinor: 113_400,
    wonMinor: 189_000,
    support: {
      similarCase: 'Laptop does not boot after coffee spill',
      // Answered 18 minutes after the call, inside the 30-minute target for high priority.
      firstResponse: 'met',
      firstResponseMinutes: 18,
    },
    campaign: {
      // Lena and Jonas; Mia unsubscribed and Emil must not be contacted.
      members: 2,
      excluded: { doNotContact: 1, unsubscribed: 1 },
      // Lena's tune-up deal: both her touches are the campaign's, so linear gives it all of 1,200.00 EUR.
      attributedRevenueMinor: 120_000,
      actualCostMinor: 24_000,
      // (1,200.00 − 240.00) / 240.00
      roi: 4,
    },
  })
  expect(printed.join('\n')).toMatch(/diagnosis\s+quote\s+1890\.00 EUR\s+0\.6\s+usr_tom/)
  expect(printed.join('\n')).toContain('no (unsubscribed)')
  expect(printed.join('\n')).toContain('no (doNotContact)')
  expect(printed.join('\n')).toMatch(/firstResponse\s+met\s+30 min\s+2026-11-23T09:10:00\.000Z\s+18 min/)
  expect(printed.join('\n')).toMatch(/Winter tune-up\s+2\s+1\s+240\.00 EUR\s+1200\.00 EUR\s+400%\s+80%/)
  await crm.close()
})
