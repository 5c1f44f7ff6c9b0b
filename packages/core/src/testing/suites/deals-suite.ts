import { describe, expect, it } from 'vitest'
import { dealEntity } from '../../entities/deal-entity'
import { dealStageChangeEntity } from '../../entities/deal-stage-change-entity'
import { isRapportError } from '../../errors/rapport-error'
import type { PipelineInput } from '../../pipeline/pipeline-input'
import { freshTenant, type SuiteContext } from '../test-kit'

const DAY = 86_400_000

/** A small pipeline with requirements, a guard and rot days, used by the tests below. */
export const servicePipeline: PipelineInput = {
  key: 'service',
  label: 'Service contracts',
  currency: 'EUR',
  stages: [
    {
      key: 'lead',
      label: 'Lead',
      probability: 0.1,
      forecastCategory: 'pipeline',
      isClosed: false,
      isWon: false,
      rotDays: 7,
    },
    {
      key: 'quote',
      label: 'Quote',
      probability: 0.4,
      forecastCategory: 'bestCase',
      isClosed: false,
      isWon: false,
      rotDays: 3,
      requirements: { field: 'amountMinor', op: 'isSet' },
    },
    {
      key: 'signing',
      label: 'Signing',
      probability: 0.8,
      forecastCategory: 'commit',
      isClosed: false,
      isWon: false,
      guards: ['budgetApproved'],
    },
    { key: 'won', label: 'Won', probability: 1, forecastCategory: 'closed', isClosed: true, isWon: true },
    { key: 'lost', label: 'Lost', probability: 0, forecastCategory: 'omitted', isClosed: true, isWon: false },
  ],
}

/** The guards the service pipeline names. */
export const serviceGuards = {
  budgetApproved: ({ record }: { record: { custom: unknown } }) =>
    (record.custom as { budgetApproved?: boolean }).budgetApproved === true ||
    'The budget is not approved yet',
}

/** Pipelines, deals, stage moves, history, contacts on deals. */
export function dealsSuite(ctx: SuiteContext) {
  const crm = () => ctx.crmWith({ pipelines: { defaults: [servicePipeline], guards: serviceGuards } })

  describe('pipelines', () => {
    it('seeds the default pipeline per tenant; the default sales pipeline when none is configured', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const [sales] = await t.pipelines.list()
      expect(sales).toMatchObject({ key: 'sales', currency: 'USD', version: 1, position: 0 })
      expect(sales!.stages.map((s) => s.key)).toEqual([
        'qualification',
        'needsAnalysis',
        'proposal',
        'negotiation',
        'closedWon',
        'closedLost',
      ])
      const other = crm().tenant(freshTenant())
      expect((await other.pipelines.list()).map((p) => p.key)).toEqual(['service'])
    })

    it('stores the display position a pipeline is created or updated with', async () => {
      const t = crm().tenant(freshTenant())
      const created = await t.pipelines.create({ ...servicePipeline, key: 'late', position: 7 })
      expect(created).toMatchObject({ key: 'late', position: 7 })
      const moved = await t.pipelines.update('late', { ...servicePipeline, key: 'late', position: 2 })
      expect(moved.position).toBe(2)
      expect((await t.pipelines.get('late')).position).toBe(2)
    })

    it('creates pipelines, refuses duplicate keys and invalid definitions, writing nothing', async () => {
      const t = crm().tenant(freshTenant())
      const created = await t.pipelines.create({
        ...servicePipeline,
        key: 'renewals',
        label: 'Renewals',
        currency: 'USD',
      })
      expect(created).toMatchObject({ key: 'renewals', position: 1, id: 'pip_renewals' })
      await expect(t.pipelines.create({ ...servicePipeline, key: 'renewals' })).rejects.toMatchObject({
        code: 'conflict',
      })
      const broken: unknown[] = [
        { ...servicePipeline, key: 'x1', currency: 'euro' },
        { ...servicePipeline, key: 'x2', stages: [{ ...servicePipeline.stages[0]!, isWon: true }] },
        {
          ...servicePipeline,
          key: 'x3',
          stages: [{ ...servicePipeline.stages[1]!, requirements: { field: 'nope', op: 'isSet' } }],
        },
        {
          ...servicePipeline,
          key: 'x4',
          stages: [{ ...servicePipeline.stages[2]!, guards: ['unregistered'] }],
        },
        { ...servicePipeline, key: 'x5', transitions: [{ from: 'lead', to: 'nowhere' }] },
      ]
      for (const input of broken) {
        const error = await t.pipelines.create(input as PipelineInput).catch((e) => e)
        expect(isRapportError(error, 'validation'), JSON.stringify(input).slice(0, 80)).toBe(true)
      }
      const requirementError = await t.pipelines.create(broken[2] as PipelineInput).catch((e) => e)
      expect(requirementError.issues[0].path).toEqual(['stages', 0, 'requirements', 'field'])
      expect((await t.pipelines.list()).map((p) => p.key)).toEqual(['service', 'renewals'])
    })

    it('refuses to remove a stage with deals unless they are moved, and moves them with history', async () => {
      const t = crm().tenant(freshTenant())
      const deal = await t.deals.create({ name: 'D', stage: 'lead' })
      const withoutLead = {
        ...servicePipeline,
        stages: servicePipeline.stages.filter((s) => s.key !== 'lead'),
      }
      const refused = await t.pipelines.update('service', withoutLead).catch((e) => e)
      expect(refused.code).toBe('invalidState')
      expect(refused.details).toMatchObject({ reason: 'stageHasDeals', stage: 'lead', deals: 1 })
      await expect(
        t.pipelines.update('service', withoutLead, { moveDeals: { lead: 'won' } }),
      ).rejects.toMatchObject({
        details: { reason: 'moveChangesOutcome' },
      })
      const updated = await t.pipelines.update('service', withoutLead, {
        moveDeals: { lead: 'quote' },
        actor: 'admin',
      })
      expect(updated.version).toBe(2)
      const moved = await t.deals.get(deal.id)
      expect(moved).toMatchObject({ stageKey: 'quote', probability: 0.4, forecastCategory: 'bestCase' })
      expect((await t.deals.history(deal.id)).at(-1)).toMatchObject({
        fromStage: 'lead',
        toStage: 'quote',
        actor: 'admin',
      })
    })

    it('new stage probabilities flow to deals that do not override them; keys, currencies and outcomes in use stay', async () => {
      const t = crm().tenant(freshTenant())
      const plain = await t.deals.create({ name: 'Plain', amount: { amountMinor: 10_000, currency: 'EUR' } })
      const pinned = await t.deals.create({
        name: 'Pinned',
        amount: { amountMinor: 10_000, currency: 'EUR' },
        probability: 0.9,
      })
      const stages = servicePipeline.stages.map((s) => (s.key === 'lead' ? { ...s, probability: 0.25 } : s))
      await t.pipelines.update('service', { ...servicePipeline, stages })
      expect(await t.deals.get(plain.id)).toMatchObject({ probability: 0.25, expectedRevenueMinor: 2500 })
      expect(await t.deals.get(pinned.id)).toMatchObject({ probability: 0.9, expectedRevenueMinor: 9000 })
      await expect(t.pipelines.update('service', { ...servicePipeline, key: 'other' })).rejects.toMatchObject(
        { code: 'validation' },
      )
      await expect(
        t.pipelines.update('service', { ...servicePipeline, currency: 'USD' }),
      ).rejects.toMatchObject({
        details: { reason: 'currencyInUse' },
      })
      const leadIsWon = servicePipeline.stages.map((s) =>
        s.key === 'lead'
          ? {
              ...s,
              isClosed: true,
              isWon: true,
              forecastCategory: 'closed' as const,
              probability: 1,
              rotDays: undefined,
            }
          : s,
      )
      await expect(
        t.pipelines.update('service', { ...servicePipeline, stages: leadIsWon }),
      ).rejects.toMatchObject({
        details: { reason: 'stageOutcomeInUse' },
      })
    })

    it('archived pipelines take no new deals', async () => {
      const t = crm().tenant(freshTenant())
      await t.pipelines.create({ ...servicePipeline, key: 'old' })
      await t.pipelines.archive('old')
      await expect(t.deals.create({ name: 'X', pipeline: 'old' })).rejects.toMatchObject({
        code: 'invalidState',
      })
      await expect(t.deals.create({ name: 'X', pipeline: 'missing' })).rejects.toMatchObject({
        code: 'notFound',
      })
    })
  })

  describe('deals', () => {
    it('creates a deal in the first open stage with the stage values and a creation history entry', async () => {
      const t = crm().tenant(freshTenant())
      const ada = await t.contacts.create({ firstName: 'Ada' })
      const acme = await t.companies.create({ name: 'Acme' })
      const deal = await t.deals.create({
        name: 'Maintenance 2026',
        amount: { amountMinor: 1_234_567, currency: 'EUR' },
        closeDate: '2026-06-30',
        companyId: acme.id,
        ownerId: 'usr_1',
        contacts: [{ contactId: ada.id, role: 'decision maker' }],
        custom: { decisionMaker: 'Ada' },
      })
      expect(deal).toMatchObject({
        id: expect.stringMatching(/^deal_/),
        pipelineId: 'pip_service',
        stageKey: 'lead',
        currency: 'EUR',
        probability: 0.1,
        probabilityOverridden: false,
        forecastCategory: 'pipeline',
        expectedRevenueMinor: 123_457,
        isClosed: false,
        closedAt: null,
        version: 1,
      })
      expect(await t.deals.history(deal.id)).toMatchObject([
        { fromStage: null, toStage: 'lead', amountMinor: 1_234_567, dealVersion: 1 },
      ])
      expect(
        (await t.deals.contacts(deal.id)).map((c) => [
          c.contact.firstName,
          c.dealContact.role,
          c.dealContact.isPrimary,
        ]),
      ).toEqual([['Ada', 'decision maker', true]])
      expect((await t.contacts.deals(ada.id)).map((d) => d.deal.id)).toEqual([deal.id])
      expect(ctx.events().map((e) => e.type)).toContain('deal.created')
    })

    it('overrides, amounts and currencies: expected revenue follows; a wrong currency writes nothing', async () => {
      const tenant = freshTenant()
      const t = crm().tenant(tenant)
      const deal = await t.deals.create({
        name: 'O',
        amount: { amountMinor: 1000, currency: 'EUR' },
        probability: 0.333,
      })
      expect(deal).toMatchObject({
        probability: 0.333,
        probabilityOverridden: true,
        expectedRevenueMinor: 333,
      })
      const cleared = await t.deals.update(deal.id, { probability: null }, { expectedVersion: 1 })
      expect(cleared).toMatchObject({
        probability: 0.1,
        probabilityOverridden: false,
        expectedRevenueMinor: 100,
      })
      const bigger = await t.deals.update(
        deal.id,
        { amount: { amountMinor: 5005, currency: 'EUR' } },
        { expectedVersion: 2 },
      )
      expect(bigger.expectedRevenueMinor).toBe(501)
      await expect(
        t.deals.update(deal.id, { amount: { amountMinor: 1, currency: 'USD' } }, { expectedVersion: 3 }),
      ).rejects.toMatchObject({
        code: 'validation',
      })
      await expect(
        t.deals.create({ name: 'USD', amount: { amountMinor: 1, currency: 'USD' } }),
      ).rejects.toMatchObject({
        code: 'validation',
      })
      await expect(t.deals.create({ name: 'S', stage: 'nope' })).rejects.toMatchObject({ code: 'validation' })
      await expect(t.deals.create({ name: 'Q', stage: 'quote' })).rejects.toMatchObject({
        code: 'transitionRefused',
        details: { reason: 'requirementsUnmet' },
      })
      expect(await ctx.countRows(dealEntity, tenant)).toBe(1)
      expect(await ctx.countRows(dealStageChangeEntity, tenant)).toBe(1)
    })

    it('moves by the rules: requirements, guards, closed deals need a reopen; refusals write nothing', async () => {
      const tenant = freshTenant()
      const t = crm().tenant(tenant)
      const deal = await t.deals.create({ name: 'M' })
      const refused = await t.deals.move(deal.id, 'quote').catch((e) => e)
      expect(refused).toMatchObject({
        code: 'transitionRefused',
        details: { reason: 'requirementsUnmet', toStage: 'quote' },
      })
      await t.deals.update(
        deal.id,
        { amount: { amountMinor: 50_000, currency: 'EUR' } },
        { expectedVersion: 1 },
      )
      const quoted = await t.deals.move(deal.id, 'quote', {
        expectedVersion: 2,
        actor: 'usr_1',
        reason: 'sent quote',
      })
      expect(quoted).toMatchObject({
        stageKey: 'quote',
        probability: 0.4,
        expectedRevenueMinor: 20_000,
        version: 3,
      })
      const guard = await t.deals.move(deal.id, 'signing').catch((e) => e)
      expect(guard).toMatchObject({ code: 'transitionRefused', details: { reason: 'guardRefused' } })
      expect(guard.message).toContain('The budget is not approved yet')
      await t.deals.update(deal.id, { custom: { budgetApproved: true } }, { expectedVersion: 3 })
      await t.deals.move(deal.id, 'signing')
      ctx.clock.advance(DAY)
      const won = await t.deals.markWon(deal.id, { reason: 'signed' })
      expect(won).toMatchObject({
        stageKey: 'won',
        isClosed: true,
        isWon: true,
        probability: 1,
        closeReason: 'signed',
      })
      expect(won.closedAt).toBe(ctx.clock.now().toISOString())
      expect(won.closeDate).toBe(ctx.clock.now().toISOString().slice(0, 10))
      await expect(t.deals.move(deal.id, 'lead')).rejects.toMatchObject({
        details: { reason: 'closedNeedsReopen' },
      })
      await expect(t.deals.move(deal.id, 'won')).rejects.toMatchObject({ details: { reason: 'sameStage' } })
      ctx.clock.advance(DAY)
      const reopened = await t.deals.reopen(deal.id, 'signing', { reason: 'customer backed out' })
      expect(reopened).toMatchObject({ isClosed: false, closedAt: null, stageKey: 'signing' })
      const lost = await t.deals.markLost(deal.id, { reason: 'budget cut' })
      expect(lost).toMatchObject({ stageKey: 'lost', isWon: false, probability: 0, expectedRevenueMinor: 0 })
      const history = await t.deals.history(deal.id)
      expect(history.map((h) => [h.fromStage, h.toStage, h.reopened])).toEqual([
        [null, 'lead', false],
        ['lead', 'quote', false],
        ['quote', 'signing', false],
        ['signing', 'won', false],
        ['won', 'signing', true],
        ['signing', 'lost', false],
      ])
      expect(history[1]).toMatchObject({ actor: 'usr_1', reason: 'sent quote', probability: 0.4 })
      const dealEvents = ctx
        .events()
        .filter((e) => e.type.startsWith('deal.') && e.type !== 'deal.updated')
        .map((e) => e.type)
      expect(dealEvents).toEqual([
        'deal.created',
        'deal.stageChanged',
        'deal.stageChanged',
        'deal.stageChanged',
        'deal.won',
        'deal.stageChanged',
        'deal.reopened',
        'deal.stageChanged',
        'deal.lost',
      ])
    })

    it('an explicit transition list only allows the listed moves', async () => {
      const t = crm().tenant(freshTenant())
      await t.pipelines.create({
        ...servicePipeline,
        key: 'strict',
        transitions: [{ from: 'lead', to: 'lost' }],
      })
      const deal = await t.deals.create({ name: 'S', pipeline: 'strict' })
      await expect(t.deals.move(deal.id, 'signing')).rejects.toMatchObject({
        details: { reason: 'transitionNotAllowed' },
      })
      expect((await t.deals.markLost(deal.id)).stageKey).toBe('lost')
    })

    it('winning a deal moves its contacts forward to customer', async () => {
      const t = crm().tenant(freshTenant())
      const [a, b] = await t.contacts.createMany([
        { firstName: 'A', lifecycleStage: 'opportunity' },
        { firstName: 'B', lifecycleStage: 'evangelist' },
      ])
      const deal = await t.deals.create({ name: 'W', contacts: [{ contactId: a!.id }, { contactId: b!.id }] })
      await t.deals.markWon(deal.id)
      expect((await t.contacts.get(a!.id)).lifecycleStage).toBe('customer')
      expect((await t.contacts.get(b!.id)).lifecycleStage).toBe('evangelist')
    })

    it('20 concurrent moves naming the same version: one succeeds, 19 conflict, one history entry', async () => {
      const t = crm().tenant(freshTenant())
      const deal = await t.deals.create({ name: 'Race', amount: { amountMinor: 100, currency: 'EUR' } })
      const targets = ['quote', 'lost', 'won']
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => t.deals.move(deal.id, targets[i % 3]!, { expectedVersion: 1 })),
      )
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect(lost).toHaveLength(19)
      for (const r of lost) expect(isRapportError(r.reason, 'conflict'), String(r.reason)).toBe(true)
      expect(await t.deals.history(deal.id)).toHaveLength(2)
      expect((await t.deals.get(deal.id)).version).toBe(2)
    })

    it('deal contacts and the deal timeline', async () => {
      const t = crm().tenant(freshTenant())
      const [a, b] = await t.contacts.createMany([{ firstName: 'A' }, { firstName: 'B' }])
      const deal = await t.deals.create({ name: 'T' })
      await t.deals.addContact(deal.id, a!.id, { role: 'champion' })
      await t.deals.addContact(deal.id, b!.id, { role: 'buyer', isPrimary: true })
      await expect(t.deals.addContact(deal.id, b!.id)).rejects.toMatchObject({ code: 'conflict' })
      expect(
        (await t.deals.contacts(deal.id)).map((c) => [c.contact.firstName, c.dealContact.isPrimary]),
      ).toEqual([
        ['B', true],
        ['A', false],
      ])
      await t.deals.removeContact(deal.id, a!.id)
      expect(await t.deals.contacts(deal.id)).toHaveLength(1)
      const call = await t.activities.create({ type: 'call', dealIds: [deal.id], contactIds: [b!.id] })
      expect((await t.deals.timeline(deal.id)).items.map((x) => x.id)).toEqual([call.id])
      await expect(t.activities.create({ type: 'note', dealIds: ['deal_missing'] })).rejects.toMatchObject({
        code: 'notFound',
      })
    })
  })
}
