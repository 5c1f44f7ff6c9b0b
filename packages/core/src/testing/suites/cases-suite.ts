import { describe, expect, it } from 'vitest'
import { createCrm } from '../../api/create-crm'
import { businessCalendarEntity } from '../../entities/business-calendar-entity'
import { caseEntity } from '../../entities/case-entity'
import { caseMessageEntity } from '../../entities/case-message-entity'
import { slaClockEntity } from '../../entities/sla-clock-entity'
import { slaPolicyEntity } from '../../entities/sla-policy-entity'
import { isRapportError } from '../../errors/rapport-error'
import { itRequires } from '../storage-requirements'
import { freshTenant, type SuiteContext, suiteCustomFields } from '../test-kit'
import { berlinOffice, standardPolicy, withStandardPolicy } from './sla-fixtures'

/** Cases: records, bad input, similar cases, dissatisfied customers, SLA compliance. */
export function casesSuite(ctx: SuiteContext) {
  describe('cases', () => {
    it('creates, reads, updates and lists cases with custom fields; events follow', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const ada = await t.contacts.create({ firstName: 'Ada' })
      const kase = await t.cases.create({
        subject: '  Broken hinge ',
        contactId: ada.id,
        category: 'hardware',
        priority: 'high',
        custom: { orderId: 'A-7', vip: true },
      })
      expect(kase).toMatchObject({
        id: expect.stringMatching(/^case_/),
        subject: 'Broken hinge',
        status: 'new',
        version: 1,
        awaitingReplySince: kase.createdAt,
        statusHistory: [{ status: 'new', at: kase.createdAt }],
        custom: { orderId: 'A-7', vip: true },
        slaPolicyId: null,
      })
      const updated = await t.cases.update(
        kase.id,
        { satisfaction: 4, custom: { orderId: 'A-8' } },
        { expectedVersion: 1 },
      )
      expect(updated).toMatchObject({ version: 2, satisfaction: 4, custom: { orderId: 'A-8', vip: true } })
      await t.cases.create({ subject: 'Other', priority: 'low' })
      const vip = await t.cases.list({ filter: { field: 'custom.vip', op: 'eq', value: true } })
      expect(vip.items.map((c) => c.id)).toEqual([kase.id])
      expect(
        await t.cases.count({ filter: { field: 'priority', op: 'in', value: ['high', 'urgent'] } }),
      ).toBe(1)
      expect(ctx.events().map((e) => e.type)).toEqual([
        'contact.created',
        'case.created',
        'case.updated',
        'case.created',
      ])
    })

    it('bad input is a typed error and writes nothing', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const overlapping = {
        ...berlinOffice,
        weekly: {
          mon: [
            { from: '09:00', to: '13:00' },
            { from: '12:00', to: '17:00' },
          ],
        },
      }
      const calendarError = await t.sla.calendars
        .create({ key: 'bad', definition: overlapping })
        .catch((e) => e)
      expect(calendarError).toMatchObject({ code: 'validation' })
      expect(calendarError.issues[0].path).toEqual(['definition', 'weekly', 'mon', 1])
      await expect(
        t.sla.calendars.create({ key: 'mars', definition: { ...berlinOffice, timeZone: 'Mars/Olympus' } }),
      ).rejects.toMatchObject({ code: 'validation' })
      expect(await ctx.countRows(businessCalendarEntity, tenant)).toBe(0)

      await expect(t.sla.policies.create({ ...standardPolicy, calendar: 'nowhere' })).rejects.toMatchObject({
        code: 'notFound',
        details: { entity: 'businessCalendar', id: 'nowhere' },
      })
      await expect(
        t.sla.policies.create({
          ...standardPolicy,
          calendar: null,
          targets: { high: { resolution: { minutes: -60 } } },
        }),
      ).rejects.toMatchObject({ code: 'validation' })
      const conditionError = await t.sla.policies
        .create({
          ...standardPolicy,
          calendar: null,
          targets: {},
          condition: { field: 'contact.shoeSize', op: 'eq', value: 42 },
        })
        .catch((e) => e)
      expect(conditionError).toMatchObject({ code: 'validation' })
      expect(conditionError.issues[0].path).toEqual(['condition', 'field'])
      expect(await ctx.countRows(slaPolicyEntity, tenant)).toBe(0)

      await expect(t.cases.create({ subject: 'x', contactId: 'con_missing' })).rejects.toMatchObject({
        code: 'notFound',
      })
      await expect(t.cases.create({ subject: '', priority: 'whenever' } as never)).rejects.toMatchObject({
        code: 'validation',
      })
      await expect(
        t.cases.create({ subject: 'x', custom: { colour: 'red' } } as never),
      ).rejects.toMatchObject({
        code: 'validation',
      })
      expect(await ctx.countRows(caseEntity, tenant)).toBe(0)
      expect(await ctx.outboxCount(tenant)).toBe(0)

      await withStandardPolicy(t)
      const kase = await t.cases.create({ subject: 'Valid' })
      const before = { outbox: await ctx.outboxCount(tenant), clocks: await t.sla.clocks(kase.id) }
      const refusal = await t.cases.setStatus(kase.id, 'closed').catch((e) => e)
      expect(refusal).toMatchObject({
        code: 'invalidState',
        details: { reason: 'statusTransitionNotAllowed', from: 'new', to: 'closed' },
      })
      await expect(t.cases.reopen(kase.id)).rejects.toMatchObject({ code: 'invalidState' })
      await expect(t.cases.setStatus(kase.id, 'archived' as never)).rejects.toMatchObject({
        code: 'validation',
      })
      await expect(
        t.cases.addMessage(kase.id, { authorKind: 'customer', visibility: 'private', body: 'psst' }),
      ).rejects.toMatchObject({ code: 'validation' })
      await expect(t.cases.addMessage(kase.id, { authorKind: 'agent', body: '   ' })).rejects.toMatchObject({
        code: 'validation',
      })
      expect(await t.cases.get(kase.id)).toEqual(kase)
      expect(await t.sla.clocks(kase.id)).toEqual(before.clocks)
      expect(await ctx.countRows(caseMessageEntity, tenant)).toBe(0)
      expect(await ctx.outboxCount(tenant)).toBe(before.outbox)
      await expect(t.sla.policies.create(standardPolicy)).rejects.toMatchObject({ code: 'conflict' })
      await expect(t.sla.calendars.create({ key: 'berlin', definition: berlinOffice })).rejects.toMatchObject(
        {
          code: 'conflict',
        },
      )
      await expect(t.sla.sweep('yesterday')).rejects.toMatchObject({ code: 'validation' })
    })

    it('calendars and policies are editable data; a policy key is fixed', async () => {
      const t = ctx.crm().tenant(freshTenant())
      await withStandardPolicy(t)
      const calendar = await t.sla.calendars.update(
        'berlin',
        { label: 'Berlin, summer hours', definition: { ...berlinOffice, holidays: [] } },
        { expectedVersion: 1 },
      )
      expect(calendar).toMatchObject({ version: 2, label: 'Berlin, summer hours' })
      await expect(
        t.sla.calendars.update('berlin', { definition: berlinOffice }, { expectedVersion: 1 }),
      ).rejects.toMatchObject({ code: 'conflict' })
      // Positions order the list (ties by key); an update keeps the position unless it names one.
      await t.sla.policies.update('standard', { ...standardPolicy, position: 5 })
      await t.sla.policies.create({ key: 'vip', label: 'VIP', position: 1, targets: {} })
      expect((await t.sla.policies.list()).map((p) => p.key)).toEqual(['vip', 'standard'])
      const edited = await t.sla.policies.update('standard', { ...standardPolicy, warningShare: 0.5 })
      expect(edited).toMatchObject({ version: 3, warningShare: 0.5, position: 5 })
      await expect(
        t.sla.policies.update('standard', { ...standardPolicy, key: 'other' }),
      ).rejects.toMatchObject({
        code: 'validation',
      })
      await expect(t.sla.policies.get('missing')).rejects.toMatchObject({ code: 'notFound' })
    })

    itRequires(ctx, ['textSearch'])(
      'similar cases: solved cases sharing words, ranked with product and category; other tenants never seen',
      async () => {
        const tenant = freshTenant()
        const t = ctx.crm().tenant(tenant)
        const solved = async (subject: string, description: string, product: string, category: string) => {
          const kase = await t.cases.create({ subject, description, product, category })
          await t.cases.solve(kase.id)
          return kase.id
        }
        // Words no other test uses: SQLite's bm25 weighs words by their rarity in the whole index.
        const whistles = await solved('Kettle whistles', 'Loud whistle and a rattling lid', 'K2', 'appliance')
        const rattles = await solved('Kettle lid rattles', 'The lid rattled all morning', 'k2', 'Appliance')
        const leaks = await solved('Kettle leaks', 'Water on the counter', 'K9', 'appliance')
        await solved('Toaster burns bread', 'Charcoal every time', 'T1', 'appliance')
        await t.cases.create({
          subject: 'Kettle whistles loudly',
          description: 'rattling lid',
          product: 'K2',
        })
        const other = ctx.crm().tenant(freshTenant())
        const foreign = await other.cases.create({ subject: 'Kettle whistles loudly', product: 'K2' })
        await other.cases.solve(foreign.id)

        const source = await t.cases.create({
          subject: 'My kettle whistles loudly',
          description: 'The whistle is loud and the lid rattles',
          product: 'K2',
          category: 'appliance',
        })
        const similar = await t.cases.similar(source.id)
        expect(similar.map((s) => s.case.id)).toEqual([whistles, rattles, leaks])
        expect(similar[0]).toMatchObject({ score: 1, textScore: 1, sameProduct: true, sameCategory: true })
        expect(similar[1]).toMatchObject({ sameProduct: true, sameCategory: true })
        expect(similar[2]).toMatchObject({ sameProduct: false, sameCategory: true })
        expect(await t.cases.similar(source.id, { limit: 1 })).toHaveLength(1)
        await expect(t.cases.similar('case_missing')).rejects.toMatchObject({ code: 'notFound' })
      },
    )

    it('similar cases need text search: an adapter without it fails clearly', async () => {
      const adapter = ctx.adapter()
      const crm = createCrm({
        adapter: {
          ...adapter,
          reader: adapter.reader,
          capabilities: { ...adapter.capabilities, textSearch: false },
        },
        clock: ctx.clock,
        customFields: suiteCustomFields,
      })
      const t = crm.tenant(freshTenant())
      const kase = await t.cases.create({ subject: 'Anything' })
      const error = await t.cases.similar(kase.id).catch((e) => e)
      expect(isRapportError(error, 'config')).toBe(true)
      expect(error.message).toMatch(/full-text search/)
    })

    it('dissatisfied customers: open complaints, unsolved breached cases, low ratings, with their contacts', async () => {
      const t = ctx.crm().tenant(freshTenant())
      await withStandardPolicy(t)
      const angry = await t.contacts.create({ firstName: 'Angry' })
      const waiting = await t.contacts.create({ firstName: 'Waiting' })
      const happy = await t.contacts.create({ firstName: 'Happy' })
      const complaint = await t.cases.create({
        subject: 'Rude driver',
        category: 'complaint',
        contactId: angry.id,
      })
      const rated = await t.cases.create({ subject: 'Late parcel', contactId: angry.id })
      await t.cases.solve(rated.id)
      await t.cases.update(
        rated.id,
        { satisfaction: 1 },
        { expectedVersion: (await t.cases.get(rated.id)).version },
      )
      const slow = await t.cases.create({ subject: 'No answer', contactId: waiting.id })
      const fine = await t.cases.create({ subject: 'Thanks', contactId: happy.id, satisfaction: 5 })
      const oldComplaint = await t.cases.create({
        subject: 'Wrong size',
        category: 'complaint',
        contactId: happy.id,
      })
      await t.cases.solve(oldComplaint.id)
      await t.cases.solve(fine.id)
      // Monday 14:00 Berlin: every open case's first response (60 business minutes) is breached.
      ctx.clock.set('2026-03-02T13:00:00.000Z')
      await t.sla.sweep()
      await t.cases.addMessage(complaint.id, { authorKind: 'agent', body: 'Sorry' })

      const found = await t.cases.dissatisfied()
      const byCase = Object.fromEntries(found.map((d) => [d.case.id, [d.contact?.firstName, d.reasons]]))
      expect(byCase).toEqual({
        [complaint.id]: ['Angry', ['openComplaint', 'slaBreached']],
        [rated.id]: ['Angry', ['lowSatisfaction']],
        [slow.id]: ['Waiting', ['slaBreached']],
      })
      expect(found[0]!.case.id).toBe(complaint.id)
      expect((await t.cases.dissatisfied({ satisfactionAtMost: 5 })).map((d) => d.case.id)).toContain(fine.id)
    })

    it('SLA compliance per period, policy, priority and metric (checked by hand)', async () => {
      const t = ctx.crm().tenant(freshTenant())
      await t.sla.policies.create({
        key: 'clock',
        label: '24×7',
        targets: {
          normal: { firstResponse: { minutes: 60 }, resolution: { minutes: 240 } },
          high: { firstResponse: { minutes: 30 } },
        },
      })
      const at = (time: string) => ctx.clock.set(`2026-03-02T${time}:00.000Z`)
      at('09:00')
      const [c1, c2, c3, c4, c5] = await t.cases.createMany([
        { subject: 'c1' },
        { subject: 'c2' },
        { subject: 'c3' },
        { subject: 'c4', priority: 'high' },
        { subject: 'c5' },
      ])
      const reply = (id: string) => t.cases.addMessage(id, { authorKind: 'agent', body: 'Hi' })
      at('09:10')
      await reply(c4!.id) // high, first response 10 of 30: met
      at('09:20')
      await reply(c1!.id) // 20 of 60: met
      at('09:50')
      await reply(c2!.id) // 50 of 60: met
      at('10:00')
      await t.cases.solve(c1!.id) // resolution 60 of 240: met
      at('10:30')
      await reply(c3!.id) // 90 of 60: breached, late
      at('14:00')
      await t.cases.solve(c2!.id) // resolution 300 of 240: breached, late
      await t.sla.sweep() // c3 and c5 resolution (open since 09:00) and c5's first response: breached
      const rows = await t.sla.reports.compliance({
        from: '2026-03-01T00:00:00Z',
        to: '2026-03-31T23:59:59Z',
        period: 'day',
        groupBy: ['priority'],
      })
      expect(rows).toEqual([
        expect.objectContaining({
          period: '2026-03-02',
          priority: 'high',
          metric: 'firstResponse',
          clocks: 1,
          met: 1,
          metPercent: 100,
          averageMinutes: 10,
          p90Minutes: 10,
        }),
        {
          period: '2026-03-02',
          policyKey: null,
          priority: 'normal',
          metric: 'firstResponse',
          clocks: 4,
          met: 2,
          breached: 2, // c3 late, c5 never answered
          open: 0,
          cancelled: 0,
          metPercent: 50,
          averageMinutes: (20 + 50 + 90) / 3,
          p90Minutes: 90,
        },
        {
          period: '2026-03-02',
          policyKey: null,
          priority: 'normal',
          metric: 'resolution',
          clocks: 4,
          met: 1,
          breached: 3, // c2 late, c3 and c5 still open past 240
          open: 0,
          cancelled: 0,
          metPercent: 25,
          averageMinutes: (60 + 300) / 2,
          p90Minutes: 300,
        },
      ])
      const byPolicy = await t.sla.reports.compliance({
        from: '2026-03-01T00:00:00Z',
        to: '2026-03-31T00:00:00Z',
        groupBy: ['policy'],
      })
      expect(byPolicy.map((r) => [r.period, r.policyKey, r.metric, r.clocks])).toEqual([
        ['2026-03', 'clock', 'firstResponse', 5],
        ['2026-03', 'clock', 'resolution', 4],
      ])
      expect(await ctx.countRows(slaClockEntity, t.tenantId)).toBe(9)
      // c5 was never answered: both its clocks breached, neither has minutes to report.
      expect((await t.sla.clocks(c5!.id)).map((c) => [c.metric, c.status, c.elapsedMinutes])).toEqual([
        ['firstResponse', 'breached', null],
        ['resolution', 'breached', null],
      ])
    })
  })
}
