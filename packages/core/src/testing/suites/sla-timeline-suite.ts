import { describe, expect, it } from 'vitest'
import { freshTenant, type SuiteContext } from '../test-kit'
import { clockStates, slaEventFeed, withStandardPolicy } from './sla-fixtures'

/**
 * SLA clocks along scripted timelines, with the injected clock: every step checks the clocks and the
 * events. Times are UTC; Berlin is UTC+1 until Sunday 2026-03-29, UTC+2 after. Office hours 09–17 Berlin.
 */
export function slaTimelineSuite(ctx: SuiteContext) {
  describe('SLA timelines', () => {
    it('a case from creation through replies, pending, a priority change, breach, escalation, solve and reopen', async () => {
      const t = ctx.crm().tenant(freshTenant())
      await withStandardPolicy(t)
      const feed = slaEventFeed(ctx)
      const at = (iso: string) => ctx.clock.set(iso)

      // Monday 2026-03-02 10:00 Berlin: a normal case. First reply within 60, solution within 480 business
      // minutes: Monday 11:00 Berlin, and Tuesday 10:00 Berlin (7 hours on Monday, 1 on Tuesday).
      at('2026-03-02T09:00:00.000Z')
      const lena = await t.contacts.create({ firstName: 'Lena', email: 'lena@example.com' })
      const kase = await t.cases.create({
        subject: 'Laptop does not boot',
        description: 'The X1 shows a black screen after the update',
        contactId: lena.id,
        channel: 'email',
        product: 'X1',
        custom: { orderId: 'A-1001' },
      })
      expect(kase).toMatchObject({ status: 'new', priority: 'normal', slaPolicyId: 'slp_standard' })
      expect(await clockStates(t, kase.id)).toEqual({
        firstResponse: expect.objectContaining({
          status: 'inProgress',
          dueAt: '2026-03-02T10:00:00.000Z',
          nextEventAt: '2026-03-02T09:45:00.000Z',
        }),
        resolution: expect.objectContaining({
          status: 'inProgress',
          dueAt: '2026-03-03T09:00:00.000Z',
          nextEventAt: '2026-03-02T15:00:00.000Z',
        }),
      })

      // 09:30: the first public agent reply, in time; the case opens.
      at('2026-03-02T09:30:00.000Z')
      await t.cases.addMessage(kase.id, {
        authorKind: 'agent',
        authorId: 'usr_anna',
        body: 'Hold power for 10 s',
      })
      expect(feed()).toEqual(['sla.met firstResponse @2026-03-02T09:30:00.000Z'])
      expect((await t.cases.get(kase.id)).status).toBe('open')
      expect((await clockStates(t, kase.id)).firstResponse).toMatchObject({
        status: 'met',
        elapsedMinutes: 30,
      })

      // 09:40: the customer answers; a private note does not count as a reply.
      at('2026-03-02T09:40:00.000Z')
      await t.cases.addMessage(kase.id, { authorKind: 'customer', authorId: lena.id, body: 'Still black' })
      await t.cases.addMessage(kase.id, { authorKind: 'agent', visibility: 'private', body: 'Maybe the SSD' })
      expect((await clockStates(t, kase.id))['nextResponse#1']).toMatchObject({
        status: 'inProgress',
        dueAt: '2026-03-02T11:40:00.000Z',
      })

      // 10:00: the agent replies and waits for the customer: the resolution clock pauses.
      at('2026-03-02T10:00:00.000Z')
      await t.cases.addMessage(kase.id, { authorKind: 'agent', body: 'Please send a photo' })
      await t.cases.setStatus(kase.id, 'pending')
      expect(feed()).toEqual(['sla.met nextResponse#1 @2026-03-02T10:00:00.000Z'])
      expect(await clockStates(t, kase.id)).toMatchObject({
        'nextResponse#1': { status: 'met', elapsedMinutes: 20 },
        resolution: { status: 'paused', dueAt: null, nextEventAt: null },
      })
      expect(await t.sla.sweep('2026-03-02T20:00:00.000Z')).toMatchObject({ clocks: 0 })

      // 12:00: the customer's reply reopens the work: resolution resumes (120 minutes paused), a second
      // next-response cycle starts.
      at('2026-03-02T12:00:00.000Z')
      await t.cases.addMessage(kase.id, { authorKind: 'customer', body: 'Photo attached' })
      expect((await t.cases.get(kase.id)).status).toBe('open')
      expect(await clockStates(t, kase.id)).toMatchObject({
        resolution: { status: 'inProgress', pausedMinutes: 120, dueAt: '2026-03-03T11:00:00.000Z' },
        'nextResponse#2': { status: 'inProgress', dueAt: '2026-03-02T14:00:00.000Z' },
      })

      // 13:20: priority high. Targets are re-measured from the original starts: the next response (80 min
      // in) is past its new 60 and breaches at once; resolution (140 in) gets 240.
      at('2026-03-02T13:20:00.000Z')
      const current = await t.cases.get(kase.id)
      await t.cases.update(kase.id, { priority: 'high' }, { expectedVersion: current.version })
      expect(feed()).toEqual([
        'sla.breached nextResponse#2 @2026-03-02T13:20:00.000Z',
        'sla.warning nextResponse#2 @2026-03-02T13:20:00.000Z',
      ])
      expect(await clockStates(t, kase.id)).toMatchObject({
        'nextResponse#2': { status: 'breached', targetMinutes: 60, nextEventAt: '2026-03-02T13:30:00.000Z' },
        resolution: { status: 'inProgress', targetMinutes: 240, dueAt: '2026-03-02T15:00:00.000Z' },
      })

      // 14:00: the sweep announces what came due, once.
      expect(await t.sla.sweep('2026-03-02T14:00:00.000Z')).toEqual({
        clocks: 2,
        warnings: 1,
        breaches: 0,
        escalations: 1,
        skipped: 0,
        problems: [],
      })
      expect(feed()).toEqual([
        'sla.escalated nextResponse#2 L1 @2026-03-02T13:30:00.000Z',
        'sla.warning resolution @2026-03-02T14:00:00.000Z',
      ])
      expect(await t.sla.sweep('2026-03-02T14:00:00.000Z')).toMatchObject({ clocks: 0 })
      expect(feed()).toEqual([])

      // 15:30: breach and escalations.
      await t.sla.sweep('2026-03-02T15:30:00.000Z')
      expect(feed()).toEqual([
        'sla.breached resolution @2026-03-02T15:00:00.000Z',
        'sla.escalated nextResponse#2 L2 @2026-03-02T15:00:00.000Z',
        'sla.escalated resolution L1 @2026-03-02T15:30:00.000Z',
      ])
      // Level 2 of resolution comes at 360 business minutes: 30 more on Monday, 60 on Tuesday.
      expect((await clockStates(t, kase.id)).resolution).toMatchObject({
        status: 'breached',
        escalationLevel: 1,
        nextEventAt: '2026-03-03T09:00:00.000Z',
      })

      // 16:00 (17:00 Berlin): a late reply and the solution. Breaches stay breached; nothing more is due.
      at('2026-03-02T16:00:00.000Z')
      await t.cases.addMessage(kase.id, { authorKind: 'agent', body: 'Replaced the SSD' })
      await t.cases.solve(kase.id)
      expect(feed()).toEqual([])
      expect(await clockStates(t, kase.id)).toMatchObject({
        'nextResponse#2': { status: 'breached', elapsedMinutes: 240, nextEventAt: null },
        resolution: { status: 'breached', elapsedMinutes: 300, nextEventAt: null },
      })

      // Tuesday 09:30 Berlin: the customer writes again. The case reopens; resolution runs on without the
      // solved spell (30 business minutes); a third next-response cycle starts.
      at('2026-03-03T08:30:00.000Z')
      await t.cases.addMessage(kase.id, { authorKind: 'customer', body: 'It died again' })
      const reopened = await t.cases.get(kase.id)
      expect(reopened).toMatchObject({ status: 'open', solvedAt: null })
      expect(reopened.statusHistory.map((h) => h.status)).toEqual([
        'new',
        'open',
        'pending',
        'open',
        'solved',
        'open',
      ])
      expect(await clockStates(t, kase.id)).toMatchObject({
        resolution: {
          status: 'breached',
          pausedMinutes: 150,
          elapsedMinutes: null,
          nextEventAt: '2026-03-03T09:30:00.000Z',
        },
        'nextResponse#3': { status: 'inProgress', dueAt: '2026-03-03T09:30:00.000Z' },
      })
      // At 09:30 the next response is at its deadline, not past it: a reply now would be in time.
      await t.sla.sweep('2026-03-03T09:30:00.000Z')
      expect(feed()).toEqual([
        'sla.escalated resolution L2 @2026-03-03T09:30:00.000Z',
        'sla.warning nextResponse#3 @2026-03-03T09:15:00.000Z',
      ])
      await t.sla.sweep('2026-03-03T09:30:00.001Z')
      expect(feed()).toEqual(['sla.breached nextResponse#3 @2026-03-03T09:30:00.000Z'])

      // Solved and closed for good.
      at('2026-03-03T09:45:00.000Z')
      await t.cases.addMessage(kase.id, { authorKind: 'agent', body: 'New mainboard' })
      await t.cases.solve(kase.id)
      const closed = await t.cases.close(kase.id)
      expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-03-03T09:45:00.000Z' })
      expect(Object.values(await clockStates(t, kase.id)).map((c) => c.nextEventAt)).toEqual([
        null,
        null,
        null,
        null,
        null,
      ])
      await expect(
        t.cases.addMessage(kase.id, { authorKind: 'customer', body: 'Thanks' }),
      ).rejects.toMatchObject({
        code: 'invalidState',
      })
      expect((await t.cases.messages(kase.id)).map((m) => `${m.authorKind}/${m.visibility}`)).toEqual([
        'agent/public',
        'customer/public',
        'agent/private',
        'agent/public',
        'customer/public',
        'agent/public',
        'customer/public',
        'agent/public',
      ])
    })

    it('a Friday-evening case in Berlin runs across the DST weekend and the Monday holiday', async () => {
      const t = ctx.crm().tenant(freshTenant())
      await withStandardPolicy(t)
      const feed = slaEventFeed(ctx)
      // Friday 2026-03-27 17:30 Berlin (UTC+1): after hours. Clocks sat still over the weekend (when
      // Berlin moved to UTC+2) and over Easter Monday's stand-in holiday on the 30th.
      ctx.clock.set('2026-03-27T16:30:00.000Z')
      const normal = await t.cases.create({ subject: 'Invoice is wrong' })
      const urgent = await t.cases.create({ subject: 'Shop is down', priority: 'urgent' })
      expect(await clockStates(t, normal.id)).toMatchObject({
        // 60 business minutes: Tuesday 09:00–10:00 Berlin, now UTC+2.
        firstResponse: { dueAt: '2026-03-31T08:00:00.000Z', nextEventAt: '2026-03-31T07:45:00.000Z' },
        // 480 business minutes: all of Tuesday.
        resolution: { dueAt: '2026-03-31T15:00:00.000Z', nextEventAt: '2026-03-31T13:00:00.000Z' },
      })
      // The urgent target counts calendar minutes: two hours, in the evening.
      expect(await clockStates(t, urgent.id)).toEqual({
        firstResponse: expect.objectContaining({ dueAt: '2026-03-27T18:30:00.000Z' }),
      })

      // Saturday: the urgent case's warning, breach and escalations (30 and 120 calendar minutes later).
      await t.sla.sweep('2026-03-28T12:00:00.000Z')
      expect(feed()).toEqual([
        'sla.breached firstResponse @2026-03-27T18:30:00.000Z',
        'sla.escalated firstResponse L1 @2026-03-27T19:00:00.000Z',
        'sla.escalated firstResponse L2 @2026-03-27T20:30:00.000Z',
        'sla.warning firstResponse @2026-03-27T18:00:00.000Z',
      ])
      expect(await t.sla.sweep('2026-03-30T15:00:00.000Z')).toMatchObject({ clocks: 0 })
      await t.sla.sweep('2026-03-31T07:50:00.000Z')
      expect(feed()).toEqual(['sla.warning firstResponse @2026-03-31T07:45:00.000Z'])

      ctx.clock.set('2026-03-31T07:55:00.000Z')
      await t.cases.addMessage(normal.id, { authorKind: 'agent', body: 'We are on it' })
      expect(feed()).toEqual(['sla.met firstResponse @2026-03-31T07:55:00.000Z'])
      // Tuesday 09:00 to 09:55 Berlin: 55 business minutes for a reply sent four days later.
      expect((await clockStates(t, normal.id)).firstResponse).toMatchObject({
        status: 'met',
        elapsedMinutes: 55,
      })

      // The first escalation, 30 business minutes after Tuesday's close: Wednesday 09:30 Berlin.
      await t.sla.sweep('2026-04-01T08:00:00.000Z')
      expect(feed()).toEqual([
        'sla.breached resolution @2026-03-31T15:00:00.000Z',
        'sla.escalated resolution L1 @2026-04-01T07:30:00.000Z',
        'sla.warning resolution @2026-03-31T13:00:00.000Z',
      ])
    })

    it('the first policy whose condition (case, contact and company fields) matches applies; changes re-apply it', async () => {
      const t = ctx.crm().tenant(freshTenant())
      await t.sla.policies.create({
        key: 'gold',
        label: 'Gold customers',
        condition: { field: 'contact.custom.tier', op: 'eq', value: 'gold' },
        targets: { normal: { firstResponse: { minutes: 15 } }, high: { firstResponse: { minutes: 10 } } },
      })
      await t.sla.policies.create({
        key: 'enterprise',
        label: 'Enterprise, high priority',
        condition: {
          and: [
            { field: 'company.custom.segment', op: 'eq', value: 'enterprise' },
            { field: 'priority', op: 'in', value: ['high', 'urgent'] },
          ],
        },
        targets: { high: { firstResponse: { minutes: 60 } } },
      })
      const acme = await t.companies.create({ name: 'Acme', custom: { segment: 'enterprise' } })
      const gold = await t.contacts.create({ firstName: 'Goldie', custom: { tier: 'gold' } })
      const plain = await t.contacts.create({ firstName: 'Plain', custom: { tier: 'bronze' } })

      const golden = await t.cases.create({ subject: 'Help', contactId: gold.id, companyId: acme.id })
      expect(golden.slaPolicyId).toBe('slp_gold')
      expect(await clockStates(t, golden.id)).toEqual({
        firstResponse: expect.objectContaining({ targetMinutes: 15, dueAt: '2026-03-02T09:15:00.000Z' }),
      })

      // No policy matches: no clocks at all.
      const unmatched = await t.cases.create({ subject: 'Help', contactId: plain.id, companyId: acme.id })
      expect(unmatched.slaPolicyId).toBeNull()
      expect(await t.sla.clocks(unmatched.id)).toEqual([])

      // Ten minutes in, the gold case moves to the plain contact: no policy any more, its clock is cancelled.
      ctx.clock.set('2026-03-02T09:10:00.000Z')
      const moved = await t.cases.update(
        golden.id,
        { contactId: plain.id },
        { expectedVersion: golden.version },
      )
      expect(moved.slaPolicyId).toBeNull()
      expect((await clockStates(t, golden.id)).firstResponse).toMatchObject({
        status: 'cancelled',
        nextEventAt: null,
      })

      // 20 minutes later the case becomes high priority: the enterprise policy now applies, and the first
      // response clock starts from the case's creation.
      ctx.clock.set('2026-03-02T09:20:00.000Z')
      const raised = await t.cases.update(
        unmatched.id,
        { priority: 'high' },
        { expectedVersion: unmatched.version },
      )
      expect(raised.slaPolicyId).toBe('slp_enterprise')
      expect(await clockStates(t, unmatched.id)).toEqual({
        firstResponse: expect.objectContaining({ targetMinutes: 60, dueAt: '2026-03-02T10:00:00.000Z' }),
      })

      // The cancelled clock comes back, measured from the original start, when a policy applies again: 25
      // minutes in, the 10-minute gold target for high priority is breached at once.
      ctx.clock.set('2026-03-02T09:25:00.000Z')
      const back = await t.cases.update(
        golden.id,
        { contactId: gold.id, priority: 'high' },
        { expectedVersion: moved.version },
      )
      expect(back.slaPolicyId).toBe('slp_gold')
      expect((await clockStates(t, golden.id)).firstResponse).toMatchObject({
        status: 'breached',
        targetMinutes: 10,
        dueAt: '2026-03-02T09:10:00.000Z',
      })
      expect(ctx.events().filter((e) => e.type === 'sla.breached')).toHaveLength(1)

      // Archived policies apply to no case.
      await t.sla.policies.archive('gold')
      const later = await t.cases.create({ subject: 'Help', contactId: gold.id })
      expect(later.slaPolicyId).toBeNull()
    })

    it('pausing statuses are configurable; time in them is not counted', async () => {
      const crm = ctx.crmWith({ sla: { pausingStatuses: ['pending', 'onHold'] } })
      const t = crm.tenant(freshTenant())
      await t.sla.policies.create({
        key: 'round-the-clock',
        label: '24×7',
        targets: { normal: { resolution: { minutes: 600 } } },
      })
      const kase = await t.cases.create({ subject: 'Server noise', status: 'open' })
      ctx.clock.set('2026-03-02T10:00:00.000Z')
      await t.cases.setStatus(kase.id, 'onHold')
      ctx.clock.set('2026-03-02T13:00:00.000Z')
      await t.cases.setStatus(kase.id, 'pending')
      ctx.clock.set('2026-03-02T14:00:00.000Z')
      await t.cases.setStatus(kase.id, 'open')
      // 5 hours since creation, 4 of them on hold or pending: 1 counted, 9 left.
      expect((await clockStates(t, kase.id)).resolution).toMatchObject({
        status: 'inProgress',
        pausedMinutes: 240,
        dueAt: '2026-03-02T23:00:00.000Z',
      })
      // A case opened as pending starts paused.
      const waiting = await t.cases.create({ subject: 'Waiting on logs', status: 'pending' })
      expect((await clockStates(t, waiting.id)).resolution).toMatchObject({ status: 'paused', dueAt: null })
      expect(() => ctx.crmWith({ sla: { pausingStatuses: ['solved'] } })).toThrow(
        expect.objectContaining({ code: 'config' }),
      )
    })
  })
}
