import { describe, expect, it } from 'vitest'
import { attributeDeal } from '../../domain/campaigns/attribute-deal'
import { ATTRIBUTION_MODELS } from '../../domain/campaigns/attribution-models'
import { rollUpCampaignHierarchy } from '../../domain/campaigns/hierarchy-rollup'
import {
  campaignCostEntity,
  campaignEntity,
  campaignMemberEntity,
  campaignTouchEntity,
} from '../../entities/campaign-entity'
import type { Filter } from '../../filter/filter-types'
import { freshTenant, type SuiteContext } from '../test-kit'
import { march, seedWorkedExample, WORKED_REVENUE } from './campaign-fixtures'

/** Campaigns: the process from plan to launch, touches, the cost ledger, ROI reports and bad input. */
export function campaignsSuite(ctx: SuiteContext) {
  describe('campaigns', () => {
    it('launches to the contactable part of the audience, counting exclusions by reason', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const yes = { email: { status: 'subscribed' as const } }
      const ok = await t.contacts.create({ firstName: 'Ok', email: 'ok@example.com', consent: yes })
      const quiet = await t.contacts.create({
        firstName: 'Quiet',
        email: 'q@example.com',
        doNotContact: true,
      })
      const out = await t.contacts.create({
        firstName: 'Out',
        email: 'out@example.com',
        consent: { email: { status: 'unsubscribed' } },
      })
      const noEmail = await t.contacts.create({ firstName: 'NoEmail' })
      await t.segments.create({
        key: 'all',
        name: 'All',
        type: 'static',
        memberIds: [ok.id, quiet.id, out.id, noEmail.id],
      })
      const campaign = await t.campaigns.create({
        name: 'Spring',
        channel: 'email',
        currency: 'EUR',
        audienceSegmentKey: 'all',
        offers: ['Tune-up'],
        message: { subject: 'Spring tune-up', body: 'Book now' },
      })
      expect(campaign).toMatchObject({ status: 'planned', level: 1, rootId: campaign.id, version: 1 })
      const launch = await t.campaigns.launch(campaign.id)
      expect(launch.audienceTotal).toBe(4)
      expect(launch.memberCount).toBe(1)
      expect(launch.excluded).toMatchObject({ doNotContact: 1, unsubscribed: 1, noAddress: 1 })
      expect(launch.campaign).toMatchObject({
        status: 'active',
        launchedAt: expect.any(String),
        audienceTotal: 4,
      })
      const members = await t.campaigns.members(campaign.id)
      expect(members.map((m) => [m.contactId, m.status])).toEqual([[ok.id, 'sent']])
      await expect(t.campaigns.launch(campaign.id)).rejects.toMatchObject({ code: 'invalidState' })
      await expect(
        t.campaigns.update(campaign.id, { audienceSegmentKey: 'all' }, { expectedVersion: 2 }),
      ).rejects.toMatchObject({ code: 'invalidState' })
      expect(ctx.events().map((e) => e.type)).toContain('campaign.launched')
      const done = await t.campaigns.finish(campaign.id, 'completed')
      expect(done).toMatchObject({ status: 'completed', finishedAt: expect.any(String) })
      await expect(t.campaigns.finish(campaign.id, 'aborted')).rejects.toMatchObject({ code: 'invalidState' })
    })

    it('records touches: responses move members, unsubscribes withdraw consent, strangers are refused', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const yes = { email: { status: 'subscribed' as const } }
      const ann = await t.contacts.create({ firstName: 'Ann', email: 'ann@example.com', consent: yes })
      const bob = await t.contacts.create({ firstName: 'Bob', email: 'bob@example.com', consent: yes })
      const stranger = await t.contacts.create({
        firstName: 'Stranger',
        email: 's@example.com',
        consent: yes,
      })
      await t.segments.create({ key: 'pair', name: 'Pair', type: 'static', memberIds: [ann.id, bob.id] })
      const campaign = await t.campaigns.create({
        name: 'Newsletter',
        channel: 'email',
        currency: 'EUR',
        audienceSegmentKey: 'pair',
        memberStatuses: [
          { name: 'sent', isDefault: true },
          { name: 'registered', responded: true },
          { name: 'attended', responded: true },
          { name: 'unsubscribed' },
        ],
      })
      await expect(
        t.campaigns.recordTouches(campaign.id, [{ contactId: ann.id, kind: 'sent', at: march(1) }]),
      ).rejects.toMatchObject({ code: 'invalidState' })
      await t.campaigns.launch(campaign.id)
      const result = await t.campaigns.recordTouches(campaign.id, [
        { contactId: ann.id, kind: 'sent', at: march(1) },
        { contactId: bob.id, kind: 'sent', at: march(1) },
        { contactId: ann.id, kind: 'responded', at: march(2) },
        { contactId: ann.id, kind: 'clicked', at: march(3), memberStatus: 'attended' },
        { contactId: bob.id, kind: 'unsubscribed', at: march(4) },
      ])
      expect(result).toMatchObject({
        recorded: 5,
        byKind: { sent: 2, responded: 1, clicked: 1, unsubscribed: 1 },
      })
      expect(result.unsubscribed).toEqual([bob.id])
      const members = await t.campaigns.members(campaign.id)
      const byContact = new Map(members.map((m) => [m.contactId, m]))
      expect(byContact.get(ann.id)).toMatchObject({ status: 'attended', respondedAt: march(2) })
      expect(byContact.get(bob.id)).toMatchObject({ status: 'unsubscribed', respondedAt: null })
      expect((await t.contacts.get(bob.id)).consent.email).toMatchObject({
        status: 'unsubscribed',
        capturedAt: march(4),
        source: `campaign ${campaign.id}`,
      })
      expect(await t.contacts.canContact(bob.id, 'email')).toMatchObject({ allowed: false })
      expect((await t.campaigns.touches(campaign.id)).map((x) => x.kind)).toEqual([
        'sent',
        'sent',
        'responded',
        'clicked',
        'unsubscribed',
      ])

      // A stranger in the batch: nothing of the batch is written.
      const before = await ctx.countRows(campaignTouchEntity, tenant)
      await expect(
        t.campaigns.recordTouches(campaign.id, [
          { contactId: ann.id, kind: 'opened', at: march(5) },
          { contactId: stranger.id, kind: 'opened', at: march(5) },
        ]),
      ).rejects.toMatchObject({ code: 'notFound', details: { entity: 'campaignMember', id: stranger.id } })
      await expect(
        t.campaigns.recordTouches(campaign.id, [
          { contactId: ann.id, kind: 'opened', at: march(5), memberStatus: 'vip' },
        ]),
      ).rejects.toMatchObject({ code: 'validation' })
      await expect(
        t.campaigns.recordTouches(campaign.id, [
          { contactId: ann.id, kind: 'bounced', at: march(5) } as never,
        ]),
      ).rejects.toMatchObject({ code: 'validation' })
      expect(await ctx.countRows(campaignTouchEntity, tenant)).toBe(before)

      // Filters reach campaign touches: contacts who responded to any campaign in the last 30 days.
      ctx.clock.set(march(10))
      const responders: Filter = {
        related: 'campaignTouches',
        where: { field: 'kind', op: 'eq', value: 'responded' },
        withinDays: 30,
      }
      const listed = await t.contacts.list({ filter: responders })
      expect(listed.items.map((c) => c.id)).toEqual([ann.id])
      const touches = await t.campaigns.touches(campaign.id)
      const annTouches = touches.filter((x) => x.contactId === ann.id)
      expect(
        t.contacts.matches(await t.contacts.get(ann.id), responders, {
          related: { campaignTouches: annTouches },
        }),
      ).toBe(true)
    })

    it('keeps the cost ledger in the campaign currency and never below zero', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const campaign = await t.campaigns.create({
        name: 'Fair',
        channel: 'postal',
        currency: 'EUR',
        budgetedCostMinor: 1000,
      })
      await t.campaigns.recordCost(campaign.id, {
        date: '2026-03-05',
        amount: { amountMinor: 700, currency: 'EUR' },
        category: 'booth',
      })
      await t.campaigns.recordCost(campaign.id, {
        date: '2026-03-01',
        amount: { amountMinor: 500, currency: 'EUR' },
        category: 'travel',
      })
      await t.campaigns.recordCost(campaign.id, {
        date: '2026-03-09',
        amount: { amountMinor: -200, currency: 'EUR' },
        category: 'booth',
        note: 'refund',
      })
      await expect(
        t.campaigns.recordCost(campaign.id, {
          date: '2026-03-09',
          amount: { amountMinor: 100, currency: 'USD' },
          category: 'x',
        }),
      ).rejects.toMatchObject({ code: 'validation' })
      await expect(
        t.campaigns.recordCost(campaign.id, {
          date: '2026-03-10',
          amount: { amountMinor: -1001, currency: 'EUR' },
          category: 'x',
        }),
      ).rejects.toMatchObject({ code: 'validation' })
      await expect(
        t.campaigns.recordCost(campaign.id, {
          date: '10/03/2026',
          amount: { amountMinor: 1, currency: 'EUR' },
          category: 'x',
        }),
      ).rejects.toMatchObject({ code: 'validation' })
      await expect(
        t.campaigns.recordCost('cmp_missing', {
          date: '2026-03-10',
          amount: { amountMinor: 1, currency: 'EUR' },
          category: 'x',
        }),
      ).rejects.toMatchObject({ code: 'notFound' })
      expect(await ctx.countRows(campaignCostEntity, tenant)).toBe(3)
      expect((await t.campaigns.costs(campaign.id)).map((c) => [c.incurredOn, c.amountMinor])).toEqual([
        ['2026-03-01', 500],
        ['2026-03-05', 700],
        ['2026-03-09', -200],
      ])
      const { rows } = await t.campaigns.report()
      expect(rows[0]!.own).toMatchObject({
        actualCostMinor: 1000,
        budgetedCostMinor: 1000,
        budgetUtilisation: 1,
        roi: -1,
      })
      expect(rows[0]!.own).toMatchObject({
        responseRate: null,
        costPerLeadMinor: null,
        costPerAcquisitionMinor: null,
      })
    })

    it('refuses a bad hierarchy, an unknown segment and malformed plans, writing nothing', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      let parent = await t.campaigns.create({ name: 'Level 1', channel: 'email', currency: 'EUR' })
      for (let level = 2; level <= 5; level++) {
        parent = await t.campaigns.create({
          name: `Level ${level}`,
          channel: 'email',
          currency: 'EUR',
          parentId: parent.id,
        })
      }
      expect(parent.level).toBe(5)
      const sixth = await t.campaigns
        .create({ name: 'Level 6', channel: 'email', currency: 'EUR', parentId: parent.id })
        .catch((e) => e)
      expect(sixth).toMatchObject({ code: 'validation' })
      expect(sixth.issues[0].path).toEqual(['parentId'])
      const mixed = await t.campaigns
        .create({ name: 'Dollars', channel: 'email', currency: 'USD', parentId: parent.id })
        .catch((e) => e)
      expect(mixed).toMatchObject({ code: 'validation' })
      expect(mixed.issues[0].path).toEqual(['currency'])
      await expect(
        t.campaigns.create({ name: 'Orphan', channel: 'email', currency: 'EUR', parentId: 'cmp_nowhere' }),
      ).rejects.toMatchObject({ code: 'notFound' })
      await expect(
        t.campaigns.create({
          name: 'Ghost audience',
          channel: 'email',
          currency: 'EUR',
          audienceSegmentKey: 'nobody',
        }),
      ).rejects.toMatchObject({ code: 'notFound', details: { entity: 'segment', id: 'nobody' } })
      await expect(
        t.campaigns.createMany([
          { name: 'Fine', channel: 'email', currency: 'EUR' },
          { name: 'Six', channel: 'email', currency: 'EUR', parentId: parent.id },
        ]),
      ).rejects.toMatchObject({ code: 'validation' })
      for (const bad of [
        { name: '', channel: 'email', currency: 'EUR' },
        { name: 'x', channel: 'pigeon', currency: 'EUR' },
        { name: 'x', channel: 'email', currency: 'euro' },
        { name: 'x', channel: 'email', currency: 'EUR', budgetedCostMinor: 1.5 },
        { name: 'x', channel: 'email', currency: 'EUR', startDate: '2026-03-10', endDate: '2026-03-01' },
        {
          name: 'x',
          channel: 'email',
          currency: 'EUR',
          memberStatuses: [{ name: 'a', isDefault: true }, { name: 'b' }],
        },
      ]) {
        await expect(t.campaigns.create(bad as never)).rejects.toMatchObject({ code: 'validation' })
      }
      expect(await ctx.countRows(campaignEntity, tenant)).toBe(5)
      await expect(t.campaigns.launch(parent.id)).rejects.toMatchObject({ code: 'invalidState' })
      await expect(t.campaigns.report({ model: 'lastClick' } as never)).rejects.toMatchObject({
        code: 'validation',
      })
      await expect(t.campaigns.report({ campaignIds: ['cmp_missing'] })).rejects.toMatchObject({
        code: 'notFound',
      })
      expect(await ctx.countRows(campaignMemberEntity, tenant)).toBe(0)
    })

    it('reports the worked example of the guide under all seven models', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const { a, b, c, deal2 } = await seedWorkedExample(ctx, t)
      for (const model of ATTRIBUTION_MODELS) {
        const { rows } = await t.campaigns.report({ model })
        expect(rows.map((r) => r.campaignId)).toEqual([a.id, b.id, c.id])
        expect(
          rows.map((r) => r.own.attributedRevenueMinor),
          model,
        ).toEqual([...WORKED_REVENUE[model]])
      }
      const { rows } = await t.campaigns.report({ model: 'linear' })
      const [ra, rb, rc] = rows
      expect(ra!.own).toMatchObject({
        actualCostMinor: 80_000,
        budgetedCostMinor: 100_000,
        sent: 3,
        responses: 1,
        leads: 1,
        convertedLeads: 1,
        wonDeals: 2,
        attributedRevenueMinor: 65_000,
        pipelineInfluencedMinor: 190_000,
        roi: -0.1875,
        roas: 0.8125,
        costPerLeadMinor: 80_000,
        costPerResponseMinor: 80_000,
        costPerAcquisitionMinor: 40_000,
        responseRate: 1 / 3,
        leadConversionRate: 1,
        budgetUtilisation: 0.8,
      })
      expect(rb!.own).toMatchObject({
        attributedRevenueMinor: 70_000,
        roi: 2.5,
        costPerAcquisitionMinor: 10_000,
        pipelineInfluencedMinor: 160_000,
      })
      expect(ra!.rolledUp).toMatchObject({
        actualCostMinor: 100_000,
        budgetedCostMinor: 130_000,
        attributedRevenueMinor: 135_000,
        sent: 5,
        responses: 2,
        roi: 0.35,
        roas: 1.35,
        costPerAcquisitionMinor: 25_000,
      })
      expect(rc!.own).toMatchObject({
        attributedRevenueMinor: 25_000,
        roi: -0.9,
        roas: 0.1,
        leadConversionRate: 0,
        budgetUtilisation: 1.25,
        pipelineInfluencedMinor: 130_000,
      })
      expect(rc!.rolledUp).toEqual(rc!.own)

      const comparison = await t.campaigns.compare([c.id, b.id])
      expect(comparison.rows.map((r) => r.campaignId)).toEqual([c.id, b.id])
      expect(comparison.leaders).toMatchObject({
        roi: b.id,
        attributedRevenueMinor: b.id,
        costPerResponseMinor: b.id,
      })
      const march10 = await t.campaigns.report({ model: 'linear', wonFrom: march(15) })
      expect(march10.rows.map((r) => r.own.attributedRevenueMinor)).toEqual([15_000, 45_000, 0])

      // An archived deal is out of the report, as it is out of every list.
      await t.deals.archive(deal2.id)
      const withoutD2 = await t.campaigns.report({ model: 'linear' })
      expect(withoutD2.rows.map((r) => r.own.attributedRevenueMinor)).toEqual([50_000, 25_000, 25_000])
      expect(withoutD2.rows.map((r) => r.own.leads)).toEqual([1, 0, 1])
    })

    it('agrees with its pure twin: the same totals from the raw records through the pure functions', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const seeded = await seedWorkedExample(ctx, t)
      const campaigns = [seeded.a, seeded.b, seeded.c]
      const deals = await Promise.all(
        [seeded.deal1, seeded.deal2, seeded.deal3].map((d) => t.deals.get(d.id)),
      )
      const touches = (await Promise.all(campaigns.map((c) => t.campaigns.touches(c.id)))).flat()
      for (const model of ATTRIBUTION_MODELS) {
        const revenue = new Map<string, number>(campaigns.map((c) => [c.id, 0]))
        for (const deal of deals.filter((d) => d.isWon)) {
          const contactIds = new Set((await t.deals.contacts(deal.id)).map((e) => e.contact.id))
          const credit = attributeDeal(
            {
              dealId: deal.id,
              amountMinor: deal.amountMinor ?? 0,
              currency: deal.currency,
              closedAt: deal.closedAt!,
              primaryCampaignId: deal.primaryCampaignId,
            },
            touches
              .filter((x) => contactIds.has(x.contactId) && x.kind !== 'unsubscribed')
              .map((x) => ({ campaignId: x.campaignId, at: x.at, opportunityCreated: x.opportunityCreated })),
            model,
          )
          for (const c of credit.credits)
            revenue.set(c.campaignId, revenue.get(c.campaignId)! + c.amountMinor)
        }
        const report = await t.campaigns.report({ model })
        const twin = rollUpCampaignHierarchy(
          campaigns.map((c) => {
            const own = report.rows.find((r) => r.campaignId === c.id)!.own
            return {
              campaignId: c.id,
              parentId: c.parentId,
              totals: {
                actualCostMinor: own.actualCostMinor,
                budgetedCostMinor: c.budgetedCostMinor,
                attributedRevenueMinor: revenue.get(c.id)!,
                sent: touches.filter((x) => x.campaignId === c.id && x.kind === 'sent').length,
                responses: own.responses,
                leads: deals.filter((d) => d.primaryCampaignId === c.id).length,
                convertedLeads: deals.filter((d) => d.primaryCampaignId === c.id && d.isWon).length,
                wonDeals: own.wonDeals,
                pipelineInfluencedMinor: own.pipelineInfluencedMinor,
              },
            }
          }),
        )
        expect(
          report.rows.map((r) => r.rolledUp),
          model,
        ).toEqual(twin.map((r) => r.rolledUp))
      }
    })

    it('keeps campaigns inside their tenant', async () => {
      const t1 = ctx.crm().tenant(freshTenant())
      const t2 = ctx.crm().tenant(freshTenant())
      const mine = await t1.campaigns.create({ name: 'Mine', channel: 'email', currency: 'EUR' })
      await expect(t2.campaigns.get(mine.id)).rejects.toMatchObject({ code: 'notFound' })
      await expect(
        t2.campaigns.create({ name: 'Child', channel: 'email', currency: 'EUR', parentId: mine.id }),
      ).rejects.toMatchObject({ code: 'notFound' })
      await expect(
        t2.campaigns.recordCost(mine.id, {
          date: '2026-03-01',
          amount: { amountMinor: 1, currency: 'EUR' },
          category: 'x',
        }),
      ).rejects.toMatchObject({ code: 'notFound' })
      expect((await t2.campaigns.report()).rows).toEqual([])
      expect((await t1.campaigns.report()).rows.map((r) => r.campaignId)).toEqual([mine.id])
    })
  })
}
