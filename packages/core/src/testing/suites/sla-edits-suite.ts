import { describe, expect, it } from 'vitest'
import { createCrm } from '../../api/create-crm'
import type { BusinessCalendarDefinition } from '../../domain/sla/calendar-definition'
import type { SlaPolicyInput } from '../../domain/sla/sla-policy-definition'
import type { SweepProblem } from '../../domain/sla/sweep-problem'
import { slaClockEntity } from '../../entities/sla-clock-entity'
import { isRapportError } from '../../errors/rapport-error'
import type { StoragePort } from '../../storage/storage-port'
import { freshTenant, type SuiteContext, suiteCustomFields } from '../test-kit'
import { berlinOffice, slaEventFeed, standardPolicy, withStandardPolicy } from './sla-fixtures'

const afternoons = [{ from: '13:00', to: '17:00' }]
/** The Berlin office open only in the afternoons (13:00–17:00), Mon–Fri. */
const berlinAfternoons: BusinessCalendarDefinition = {
  ...berlinOffice,
  weekly: { mon: afternoons, tue: afternoons, wed: afternoons, thu: afternoons, fri: afternoons },
}

const mornings = [{ from: '08:00', to: '12:00' }]
/** The Berlin office open only in the mornings (08:00–12:00), Mon–Fri. */
const berlinMornings: BusinessCalendarDefinition = {
  ...berlinOffice,
  weekly: { mon: mornings, tue: mornings, wed: mornings, thu: mornings, fri: mornings },
}

/** 24×7: a warning at 7½ minutes, the breach at 10, an escalation at 15. */
const fastPolicy: SlaPolicyInput = {
  key: 'fast',
  label: 'Fast replies',
  targets: { normal: { firstResponse: { minutes: 10 } } },
  escalations: [{ level: 1, afterMinutes: 5, action: 'ping' }],
}

/**
 * The same adapter, except that while `armed` a transaction rolls back after its work ran (as a failure at
 * commit, or in the host's code, would): whatever the work put in memory then describes rows that never
 * existed.
 */
function rollingBackAdapter(adapter: StoragePort): StoragePort & { armed: boolean } {
  const wrapper = {
    armed: false,
    name: adapter.name,
    capabilities: adapter.capabilities,
    reader: adapter.reader,
    migrate: () => adapter.migrate(),
    transaction: <T>(work: Parameters<StoragePort['transaction']>[0]) =>
      adapter.transaction(async (tx) => {
        const value = await work(tx)
        if (wrapper.armed) {
          wrapper.armed = false
          throw new Error('injected failure: rolled back after the work ran')
        }
        return value as T
      }),
    close: async () => {},
  }
  return wrapper as StoragePort & { armed: boolean }
}

/** SLA clocks follow calendar and policy edits; the sweep survives inconsistent clocks; caches never go stale. */
export function slaEditsSuite(ctx: SuiteContext) {
  describe('SLA edits', () => {
    it('editing a calendar re-times the open clocks at once; the sweep announces at the new times, once', async () => {
      const t = ctx.crm().tenant(freshTenant())
      await withStandardPolicy(t)
      // Monday 10:00 Berlin: normal priority, first response in 60 business minutes (11:00 Berlin).
      ctx.clock.set('2026-03-02T09:00:00.000Z')
      const kase = await t.cases.create({ subject: 'Printer on fire' })
      const feed = slaEventFeed(ctx)
      const first = async () => (await t.sla.clocks(kase.id)).find((c) => c.metric === 'firstResponse')!
      expect(await first()).toMatchObject({ dueAt: '2026-03-02T10:00:00.000Z', version: 1 })

      // 10:30 Berlin: the office now opens only at 13:00. Measured again from 10:00 Berlin, no business
      // time has passed: the warning comes at 13:45 Berlin, the deadline at 14:00 Berlin.
      ctx.clock.set('2026-03-02T09:30:00.000Z')
      await t.sla.calendars.update('berlin', { label: 'Afternoons', definition: berlinAfternoons })
      expect(await first()).toMatchObject({
        status: 'inProgress',
        warnAt: '2026-03-02T12:45:00.000Z',
        dueAt: '2026-03-02T13:00:00.000Z',
        nextEventAt: '2026-03-02T12:45:00.000Z',
        version: 2,
      })
      // Resolution (480 business minutes) moves out to Tuesday 17:00 Berlin.
      expect((await t.sla.clocks(kase.id)).find((c) => c.metric === 'resolution')).toMatchObject({
        dueAt: '2026-03-03T16:00:00.000Z',
      })
      expect(feed()).toEqual([])

      // The old deadline passes in silence, and nothing is rewritten.
      expect(await t.sla.sweep('2026-03-02T10:30:00.000Z')).toMatchObject({ clocks: 0, problems: [] })
      expect(await first()).toMatchObject({ version: 2 })
      expect(await t.sla.sweep('2026-03-02T12:45:00.000Z')).toMatchObject({ clocks: 1, warnings: 1 })
      expect(await t.sla.sweep('2026-03-02T13:00:00.000Z')).toMatchObject({ clocks: 0 })
      expect(await t.sla.sweep('2026-03-02T13:00:00.001Z')).toMatchObject({ clocks: 1, breaches: 1 })
      expect(await t.sla.sweep('2026-03-02T13:00:00.001Z')).toMatchObject({ clocks: 0, problems: [] })
      expect(feed()).toEqual([
        'sla.breached firstResponse @2026-03-02T13:00:00.000Z',
        'sla.warning firstResponse @2026-03-02T12:45:00.000Z',
      ])
    })

    it('a calendar edit that puts thresholds behind announces them at once, in its transaction', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      await withStandardPolicy(t)
      // Monday 08:30 Berlin, before the 09:00 opening: the first response is due at 10:00 Berlin.
      ctx.clock.set('2026-03-02T07:30:00.000Z')
      const kase = await t.cases.create({ subject: 'Early bird' })
      const feed = slaEventFeed(ctx)
      // 09:20 Berlin: the office opened at 08:00 after all. Since 08:30, 50 minutes count: past the
      // 45-minute warning, which is announced by the edit itself (at the edit's instant).
      ctx.clock.set('2026-03-02T08:20:00.000Z')
      const before = await ctx.outboxCount(tenant)
      await t.sla.calendars.update('berlin', { definition: berlinMornings })
      expect(feed()).toEqual(['sla.warning firstResponse @2026-03-02T08:20:00.000Z'])
      expect(await ctx.outboxCount(tenant)).toBe(before + 2) // the calendar update and the warning
      expect((await t.sla.clocks(kase.id)).find((c) => c.metric === 'firstResponse')).toMatchObject({
        status: 'warning',
        dueAt: '2026-03-02T08:30:00.000Z',
        nextEventAt: '2026-03-02T08:30:00.001Z',
      })
      expect(await t.sla.sweep('2026-03-02T08:20:00.000Z')).toMatchObject({ clocks: 0 })
    })

    it('editing a policy re-times its open clocks from their original start, or cancels them', async () => {
      const t = ctx.crm().tenant(freshTenant())
      await withStandardPolicy(t)
      ctx.clock.set('2026-03-02T09:00:00.000Z')
      const kase = await t.cases.create({ subject: 'Slow disk' })
      ctx.clock.set('2026-03-02T09:20:00.000Z')
      await t.sla.policies.update('standard', {
        ...standardPolicy,
        targets: { ...standardPolicy.targets, normal: { firstResponse: { minutes: 120 } } },
      })
      const clocks = await t.sla.clocks(kase.id)
      expect(clocks.find((c) => c.metric === 'firstResponse')).toMatchObject({
        status: 'inProgress',
        targetMinutes: 120,
        dueAt: '2026-03-02T11:00:00.000Z',
      })
      expect(clocks.find((c) => c.metric === 'resolution')).toMatchObject({ status: 'cancelled' })
      // A finished measurement stays as it was.
      await t.cases.addMessage(kase.id, { authorKind: 'agent', body: 'Looking' })
      await t.sla.policies.update('standard', standardPolicy)
      expect((await t.sla.clocks(kase.id)).find((c) => c.metric === 'firstResponse')).toMatchObject({
        status: 'met',
        targetMinutes: 120,
      })
    })

    it('a clock stored with stale instants (hours edited before clocks were re-timed) is re-projected once', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      await withStandardPolicy(t)
      ctx.clock.set('2026-03-02T09:00:00.000Z')
      const kase = await t.cases.create({ subject: 'Old row' })
      const now = ctx.clock.now().toISOString()
      const rows = await ctx.adapter().reader.find(slaClockEntity, tenant, { now })
      const first = rows.find((r) => r.metric === 'firstResponse')!
      const fresh = { warnAt: first.warnAt, dueAt: first.dueAt, nextEventAt: first.nextEventAt }
      // As a calendar edit used to leave it: instants from other hours, already behind.
      await ctx.adapter().transaction((tx) =>
        tx.updateIfVersion(slaClockEntity, tenant, first.id, first.version as number, {
          warnAt: '2026-03-02T09:05:00.000Z',
          dueAt: '2026-03-02T09:10:00.000Z',
          nextEventAt: '2026-03-02T09:05:00.000Z',
        }),
      )
      const feed = slaEventFeed(ctx)
      expect(await t.sla.sweep('2026-03-02T09:30:00.000Z')).toMatchObject({
        clocks: 1,
        warnings: 0,
        problems: [],
      })
      expect(feed()).toEqual([])
      const clock = (await t.sla.clocks(kase.id)).find((c) => c.metric === 'firstResponse')!
      expect(clock).toMatchObject({ ...fresh, version: (first.version as number) + 2 })
      // It left the due range: the next sweep neither rewrites it nor fails.
      expect(await t.sla.sweep('2026-03-02T09:30:00.000Z')).toMatchObject({ clocks: 0, problems: [] })
      expect(await t.sla.sweep('2026-03-02T09:45:00.000Z')).toMatchObject({ clocks: 1, warnings: 1 })
      expect(feed()).toEqual(['sla.warning firstResponse @2026-03-02T09:45:00.000Z'])
    })

    it('an inconsistent clock is reported and skipped; the rest of its batch and other tenants are announced', async () => {
      const heard: SweepProblem[] = []
      const crm = ctx.crmWith({ sla: { onSweepError: (problem) => heard.push(problem) } })
      const sick = freshTenant()
      const healthy = freshTenant()
      for (const tenant of [sick, healthy]) {
        await crm.tenant(tenant).sla.policies.create(fastPolicy)
        await crm.tenant(tenant).cases.createMany([{ subject: 'A' }, { subject: 'B' }, { subject: 'C' }])
      }
      // Corrupt one clock through the adapter: it names a business calendar that does not exist.
      const now = ctx.clock.now().toISOString()
      const [broken] = await ctx.adapter().reader.find(slaClockEntity, sick, { now })
      await ctx.adapter().transaction((tx) =>
        tx.updateIfVersion(slaClockEntity, sick, broken!.id, broken!.version as number, {
          business: true,
          calendarKey: 'vanished',
        }),
      )
      const later = '2026-03-02T09:30:00.000Z'
      const reports = []
      // Batches of one in the sick tenant: every later batch must leave the skipped clock out by id.
      for (const tenant of [sick, healthy])
        reports.push(await crm.tenant(tenant).sla.sweep(later, { batchSize: tenant === sick ? 1 : 2 }))
      const [sickReport, healthyReport] = reports
      expect(sickReport).toMatchObject({ clocks: 3, warnings: 2, breaches: 2, escalations: 2, skipped: 0 })
      expect(sickReport!.problems).toEqual([
        expect.objectContaining({ tenantId: sick, clockId: broken!.id, reason: 'failed' }),
      ])
      expect(isRapportError(sickReport!.problems[0]!.cause, 'notFound')).toBe(true)
      expect(heard).toEqual(sickReport!.problems)
      expect(healthyReport).toMatchObject({
        clocks: 3,
        warnings: 3,
        breaches: 3,
        escalations: 3,
        problems: [],
      })
      // The next sweep reports it again, and repeats nothing for the others.
      const again = await crm.tenant(sick).sla.sweep(later)
      expect(again).toMatchObject({ clocks: 1, warnings: 0, breaches: 0, escalations: 0 })
      expect(again.problems.map((p) => p.clockId)).toEqual([broken!.id])
      expect(await ctx.adapter().reader.find(slaClockEntity, sick, { now })).toContainEqual(
        expect.objectContaining({
          id: broken!.id,
          version: (broken!.version as number) + 1,
          breachedAt: null,
        }),
      )
    })

    it('a calendar edit rolled back leaves no compiled hours behind: the next, different edit applies', async () => {
      const adapter = rollingBackAdapter(ctx.adapter())
      const crm = createCrm({ adapter, clock: ctx.clock, customFields: suiteCustomFields })
      const t = crm.tenant(freshTenant())
      await withStandardPolicy(t)
      ctx.clock.set('2026-03-02T09:00:00.000Z')
      const kase = await t.cases.create({ subject: 'Printer on fire' })
      ctx.clock.set('2026-03-02T09:30:00.000Z')
      // The failed edit would have made version 2 the afternoons; it never committed.
      adapter.armed = true
      await expect(t.sla.calendars.update('berlin', { definition: berlinAfternoons })).rejects.toThrow(
        'injected failure',
      )
      expect(await t.sla.calendars.get('berlin')).toMatchObject({ version: 1 })
      const clocksAfterFailure = await t.sla.clocks(kase.id)
      expect(clocksAfterFailure.find((c) => c.metric === 'firstResponse')).toMatchObject({
        dueAt: '2026-03-02T10:00:00.000Z',
      })
      // Version 2 is now the mornings: its hours, not the afternoons', time the clocks.
      await t.sla.calendars.update('berlin', { definition: berlinMornings })
      expect(await t.sla.calendars.get('berlin')).toMatchObject({ version: 2 })
      // From Monday 10:00 Berlin: 120 minutes of mornings on Monday, 240 on Tuesday; resolution's 480 end on
      // Wednesday 10:00 Berlin (with the afternoons' hours it would be Tuesday 17:00).
      expect((await t.sla.clocks(kase.id)).find((c) => c.metric === 'resolution')).toMatchObject({
        dueAt: '2026-03-04T09:00:00.000Z',
      })
      // A new case counts in the mornings too: from Monday 11:00 Berlin, 60 minutes end at 12:00 Berlin.
      ctx.clock.set('2026-03-02T10:00:00.000Z')
      const fresh = await t.cases.create({ subject: 'Second printer' })
      expect((await t.sla.clocks(fresh.id)).find((c) => c.metric === 'firstResponse')).toMatchObject({
        dueAt: '2026-03-02T11:00:00.000Z',
      })
      ctx.clock.set('2026-03-02T11:30:00.000Z')
      const third = await t.cases.create({ subject: 'Third printer' })
      // 12:30 Berlin is after the mornings: the clock starts counting on Tuesday 08:00 Berlin.
      expect((await t.sla.clocks(third.id)).find((c) => c.metric === 'firstResponse')).toMatchObject({
        dueAt: '2026-03-03T08:00:00.000Z',
      })
    })

    it('a policy edit rolled back leaves no compiled condition behind: the next, different edit applies', async () => {
      const adapter = rollingBackAdapter(ctx.adapter())
      const crm = createCrm({ adapter, clock: ctx.clock, customFields: suiteCustomFields })
      const t = crm.tenant(freshTenant())
      await t.sla.policies.create({
        ...fastPolicy,
        condition: { field: 'subject', op: 'contains', value: 'fire' },
      })
      expect((await t.cases.create({ subject: 'Printer on fire' })).slaPolicyId).toBe('slp_fast')
      adapter.armed = true
      await expect(
        t.sla.policies.update('fast', {
          ...fastPolicy,
          condition: { field: 'subject', op: 'contains', value: 'smoke' },
        }),
      ).rejects.toThrow('injected failure')
      await t.sla.policies.update('fast', {
        ...fastPolicy,
        condition: { field: 'subject', op: 'contains', value: 'water' },
      })
      expect(await t.sla.policies.get('fast')).toMatchObject({ version: 2 })
      expect((await t.cases.create({ subject: 'Smoke everywhere' })).slaPolicyId).toBeNull()
      expect((await t.cases.create({ subject: 'Printer on fire again' })).slaPolicyId).toBeNull()
      expect((await t.cases.create({ subject: 'Water on the floor' })).slaPolicyId).toBe('slp_fast')
    })
  })
}
