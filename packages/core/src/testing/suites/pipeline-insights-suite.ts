import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { weightedForecast } from '../../domain/pipeline/forecast'
import { companyEntity } from '../../entities/company-entity'
import { contactCompanyLinkEntity } from '../../entities/contact-company-link-entity'
import { dealEntity } from '../../entities/deal-entity'
import { freshTenant, propertyRuns, type SuiteContext } from '../test-kit'
import { serviceGuards, servicePipeline } from './deals-suite'

const DAY = 86_400_000

/** Lead conversion, the weighted forecast (SQL vs its pure twin) and the pipeline reports. */
export function pipelineInsightsSuite(ctx: SuiteContext) {
  const crm = () => ctx.crmWith({ pipelines: { defaults: [servicePipeline], guards: serviceGuards } })

  describe('lead conversion', () => {
    it('turns a lead into contact + new company + deal in one step, lifecycle forward', async () => {
      const t = crm().tenant(freshTenant())
      const lead = await t.contacts.create({
        firstName: 'Lea',
        email: 'lea@acme.de',
        city: 'Berlin',
        country: 'DE',
        lifecycleStage: 'lead',
      })
      const result = await t.leads.convert(lead.id, {
        company: { create: { name: 'Acme GmbH', domain: 'acme.de' } },
        role: 'Buyer',
        deal: { name: 'Acme laptops', amount: { amountMinor: 250_000, currency: 'EUR' } },
      })
      expect(result.companyCreated).toBe(true)
      expect(result.company).toMatchObject({ name: 'Acme GmbH', city: 'Berlin', country: 'DE' })
      expect(result.deal).toMatchObject({
        name: 'Acme laptops',
        companyId: result.company!.id,
        stageKey: 'lead',
      })
      expect(result.contact.lifecycleStage).toBe('opportunity')
      expect(
        (await t.contacts.companies(lead.id)).map((c) => [c.company.name, c.link.role, c.link.isPrimary]),
      ).toEqual([['Acme GmbH', 'Buyer', true]])
      expect((await t.deals.contacts(result.deal!.id))[0]).toMatchObject({
        dealContact: { role: 'lead', isPrimary: true },
      })
      const converted = ctx.events().find((e) => e.type === 'lead.converted')!.payload
      expect(converted).toMatchObject({ contactId: lead.id, dealId: result.deal!.id, companyCreated: true })
    })

    it('merges into an existing company by filling only its empty fields', async () => {
      const t = crm().tenant(freshTenant())
      const existing = await t.companies.create({ name: 'Beta AG', domain: 'beta.ch', city: 'Zürich' })
      const lead = await t.contacts.create({ firstName: 'Ben', city: 'Basel', country: 'CH' })
      const result = await t.leads.convert(lead.id, {
        company: { existingId: existing.id, fill: { domain: 'other.ch', industry: 'Pharma' } },
      })
      expect(result.companyCreated).toBe(false)
      expect(result.company).toMatchObject({
        domain: 'beta.ch',
        city: 'Zürich',
        industry: 'Pharma',
        country: 'CH',
        version: 2,
      })
      expect(result.deal).toBeNull()
      expect(result.contact.lifecycleStage).toBe('salesQualified')
    })

    it('a failure at any step writes nothing (injected: the deal id generator throws)', async () => {
      const tenant = freshTenant()
      let counter = 0
      const failing = ctx.crmWith({
        pipelines: { defaults: [servicePipeline], guards: serviceGuards },
        idGenerator: (prefix) => {
          if (prefix === 'deal') throw new Error('injected failure while creating the deal')
          return `${prefix}_inj${++counter}`
        },
      })
      const t = failing.tenant(tenant)
      const lead = await t.contacts.create({ firstName: 'F', lifecycleStage: 'lead' })
      await t.pipelines.list()
      const before = ctx.events().length
      await expect(
        t.leads.convert(lead.id, { company: { create: { name: 'Never' } }, deal: { name: 'Never' } }),
      ).rejects.toThrow('injected failure')
      expect(await ctx.countRows(companyEntity, tenant)).toBe(0)
      expect(await ctx.countRows(contactCompanyLinkEntity, tenant)).toBe(0)
      expect(await ctx.countRows(dealEntity, tenant)).toBe(0)
      expect((await t.contacts.get(lead.id)).lifecycleStage).toBe('lead')
      expect(await t.contacts.lifecycleHistory(lead.id)).toEqual([])
      expect(ctx.events().length).toBe(before)
    })

    it('refuses non-leads, archived contacts and bad input, writing nothing', async () => {
      const tenant = freshTenant()
      const t = crm().tenant(tenant)
      const customer = await t.contacts.create({ firstName: 'C', lifecycleStage: 'customer' })
      await expect(t.leads.convert(customer.id)).rejects.toMatchObject({ details: { reason: 'notALead' } })
      const lead = await t.contacts.create({ firstName: 'L' })
      await expect(t.leads.convert(lead.id, { company: { create: { name: '' } } })).rejects.toMatchObject({
        code: 'validation',
      })
      await expect(
        t.leads.convert(lead.id, { deal: { name: 'D', amount: { amountMinor: 1, currency: 'USD' } } }),
      ).rejects.toMatchObject({
        code: 'validation',
      })
      await expect(
        t.leads.convert(lead.id, { company: { existingId: 'com_missing' } }),
      ).rejects.toMatchObject({ code: 'notFound' })
      await expect(t.leads.convert('con_missing')).rejects.toMatchObject({ code: 'notFound' })
      expect(await ctx.countRows(companyEntity, tenant)).toBe(0)
      expect(await ctx.countRows(dealEntity, tenant)).toBe(0)
      expect((await t.contacts.get(lead.id)).lifecycleStage).toBeNull()
    })
  })

  describe('forecast', () => {
    it('SQL aggregation equals the pure twin for random deals, periods and groupings', async () => {
      const dealArb = fc.record({
        amount: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
        probability: fc.option(fc.constantFrom(0, 0.05, 0.333, 0.5, 0.875, 1), { nil: null }),
        closeDate: fc.option(
          fc.constantFrom('2026-01-31', '2026-02-01', '2026-03-31', '2026-04-01', '2026-12-31', '2027-01-01'),
          {
            nil: null,
          },
        ),
        ownerId: fc.option(fc.constantFrom('usr_a', 'usr_b'), { nil: null }),
        stage: fc.constantFrom('lead', 'lead', 'quote', 'won', 'lost'),
        pipeline: fc.constantFrom('service', 'eu2'),
      })
      const runs = Math.max(30, Math.round(propertyRuns(ctx.harness) / 6))
      await fc.assert(
        fc.asyncProperty(
          fc.array(dealArb, { minLength: 0, maxLength: 12 }),
          fc.constantFrom('month' as const, 'quarter' as const, 'year' as const),
          fc.subarray(['owner', 'pipeline', 'forecastCategory'] as const),
          async (inputs, period, groupBy) => {
            const t = crm().tenant(freshTenant('fc'))
            await t.pipelines.create({ ...servicePipeline, key: 'eu2' })
            const deals = await t.deals.createMany(
              inputs.map((d, i) => ({
                name: `D${i}`,
                pipeline: d.pipeline,
                stage: d.stage === 'quote' && d.amount === null ? 'lead' : d.stage,
                amount: d.amount === null ? null : { amountMinor: d.amount, currency: 'EUR' },
                ...(d.stage === 'won' || d.stage === 'lost' ? {} : { probability: d.probability }),
                closeDate: d.closeDate,
                ownerId: d.ownerId,
              })),
            )
            const sql = await t.deals.forecast({ period, groupBy: [...groupBy] })
            const memory = weightedForecast(
              deals.filter((d) => !d.isClosed),
              period,
              [...groupBy],
            )
            expect(sql).toEqual(memory)
          },
        ),
        { numRuns: runs },
      )
    })
  })

  describe('pipeline reports', () => {
    it('time in stage, funnel, win rate and sales cycle from a scripted history', async () => {
      const t = crm().tenant(freshTenant())
      const amount = { amountMinor: 1000, currency: 'EUR' }
      const [a, b, c] = await t.deals.createMany([
        { name: 'A', amount },
        { name: 'B', amount },
        { name: 'C', amount },
      ])
      ctx.clock.advance(2 * DAY)
      await t.deals.move(a!.id, 'quote')
      await t.deals.move(b!.id, 'quote')
      ctx.clock.advance(4 * DAY)
      await t.deals.markWon(a!.id)
      await t.deals.markLost(b!.id)
      ctx.clock.advance(1 * DAY)
      const stays = await t.deals.reports.timeInStage({ pipeline: 'service' })
      expect(stays.find((s) => s.stageKey === 'lead')).toMatchObject({
        completedStays: 2,
        averageDays: 2,
        currentDeals: 1,
        currentAverageDays: 7,
      })
      expect(stays.find((s) => s.stageKey === 'quote')).toMatchObject({
        completedStays: 2,
        averageDays: 4,
        medianDays: 4,
      })
      const funnel = await t.deals.reports.funnel({ pipeline: 'service' })
      expect(funnel.map((s) => [s.stageKey, s.reached, s.advanced, s.conversionRate])).toEqual([
        ['lead', 3, 2, 2 / 3],
        ['quote', 2, 1, 0.5],
        ['signing', 0, 0, null],
        ['won', 1, 0, null],
      ])
      const closed = await t.deals.reports.closedDeals({
        from: '2026-01-01T00:00:00Z',
        to: '2027-01-01T00:00:00Z',
      })
      expect(closed).toMatchObject({ won: 1, lost: 1, winRate: 0.5, averageSalesCycleDays: 6 })
      void c
    })

    it('rotting: rotDays after the last activity or update in the stage; a future activity does not help', async () => {
      const t = crm().tenant(freshTenant())
      const [fresh, stale, scheduled] = await t.deals.createMany([
        { name: 'Fresh' },
        { name: 'Stale' },
        { name: 'Scheduled' },
      ])
      ctx.clock.advance(6 * DAY)
      await t.activities.create({ type: 'call', dealIds: [fresh!.id] })
      await t.activities.create({
        type: 'task',
        dueAt: new Date(ctx.clock.now().getTime() + 10 * DAY),
        dealIds: [scheduled!.id],
      })
      ctx.clock.advance(2 * DAY)
      const rotting = await t.deals.reports.rotting({ pipeline: 'service' })
      expect(rotting.map((r) => [r.dealId, r.daysRotting])).toEqual(
        [
          [stale!.id, 1],
          [scheduled!.id, 1],
        ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
      )
      expect(rotting[0]).toMatchObject({ stageKey: 'lead' })
    })
  })
}
