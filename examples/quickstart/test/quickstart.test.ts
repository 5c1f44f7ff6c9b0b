import { createCrm } from '@rapport/core'
import { sqliteAdapter } from '@rapport/sqlite'
import { expect, it } from 'vitest'
import { repairShopFields, repairShopPipelines } from '../src/custom-fields'
import { runQuickstart } from '../src/story'

it('the quickstart story runs and gives its key figures', async () => {
  const crm = createCrm({
    adapter: sqliteAdapter({ filename: ':memory:' }),
    customFields: repairShopFields,
    pipelines: repairShopPipelines,
  })
  await crm.migrate()
  const printed: string[] = []
  const figures = await runQuickstart(crm, (text) => printed.push(text))
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
  })
  expect(printed.join('\n')).toMatch(/diagnosis\s+quote\s+1890\.00 EUR\s+0\.6\s+usr_tom/)
  expect(printed.join('\n')).toContain('no (unsubscribed)')
  expect(printed.join('\n')).toContain('no (doNotContact)')
  await crm.close()
})
