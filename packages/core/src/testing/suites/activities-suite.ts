import { describe, expect, it } from 'vitest'
import { activityEntity, activityLinkEntity } from '../../entities/activity-entity'
import { freshTenant, type SuiteContext } from '../test-kit'

const HOUR = 3_600_000

/** Activities, tasks and timelines. */
export function activitiesSuite(ctx: SuiteContext) {
  describe('activities and timelines', () => {
    it('logs activities and shows them on contact and company timelines, newest first', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const ada = await t.contacts.create({ firstName: 'Ada' })
      const bob = await t.contacts.create({ firstName: 'Bob' })
      const acme = await t.companies.create({ name: 'Acme' })
      await t.contacts.linkCompany(ada.id, acme.id)
      const note = await t.activities.create({ type: 'note', body: 'Met at the fair', contactIds: [ada.id] })
      expect(note.companyIds).toEqual([acme.id])
      ctx.clock.advance(HOUR)
      const call = await t.activities.create({
        type: 'call',
        direction: 'outbound',
        durationMinutes: 12,
        outcome: 'interested',
        contactIds: [ada.id, bob.id],
        custom: { channel: 'phone' },
      })
      ctx.clock.advance(HOUR)
      const email = await t.activities.create({
        type: 'email',
        subject: 'Offer',
        companyIds: [acme.id],
        linkPrimaryCompanies: false,
      })
      const adaTimeline = await t.contacts.timeline(ada.id)
      expect(adaTimeline.items.map((a) => a.id)).toEqual([call.id, note.id])
      expect((await t.contacts.timeline(bob.id)).items.map((a) => a.id)).toEqual([call.id])
      expect((await t.companies.timeline(acme.id)).items.map((a) => a.id)).toEqual([
        email.id,
        call.id,
        note.id,
      ])
      expect(
        (await t.companies.timeline(acme.id, { types: ['note', 'email'] })).items.map((a) => a.id),
      ).toEqual([email.id, note.id])
      expect(call.custom).toEqual({ channel: 'phone' })
    })

    it('paginates a long timeline with a cursor', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({ firstName: 'Busy' })
      const at = (i: number) => new Date(Date.parse('2025-01-01T00:00:00Z') + (i % 5) * HOUR).toISOString()
      const created = await t.activities.createMany(
        Array.from({ length: 23 }, (_, i) => ({
          type: 'note' as const,
          body: `n${i}`,
          occurredAt: at(i),
          contactIds: [c.id],
        })),
      )
      const seen: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const page = await t.contacts.timeline(c.id, { limit: 5, cursor })
        seen.push(...page.items.map((a) => a.id))
        cursor = page.nextCursor
        pages++
      } while (cursor)
      expect(pages).toBe(5)
      expect(new Set(seen).size).toBe(23)
      const times = seen.map((id) => created.find((a) => a.id === id)!.occurredAt)
      expect([...times].sort().reverse()).toEqual(times)
    })

    it('tasks: due time orders the timeline; complete and reopen are idempotent; overdue is a filter', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({ firstName: 'T' })
      const due = '2026-03-03T10:00:00.000Z'
      const task = await t.activities.create({
        type: 'task',
        subject: 'Call back',
        dueAt: due,
        contactIds: [c.id],
      })
      expect(task).toMatchObject({ done: false, completedAt: null, occurredAt: due, dueAt: due })
      ctx.clock.set('2026-03-04T08:00:00.000Z')
      const overdue = {
        and: [
          { field: 'type', op: 'eq', value: 'task' },
          { field: 'done', op: 'eq', value: false },
          { field: 'dueAt', op: 'beforeDaysAgo', value: 0 },
        ],
      } as const
      expect((await t.activities.list({ filter: overdue })).items.map((a) => a.id)).toEqual([task.id])
      const done = await t.activities.complete(task.id, { expectedVersion: 1 })
      expect(done).toMatchObject({ done: true, completedAt: '2026-03-04T08:00:00.000Z', version: 2 })
      expect((await t.activities.complete(task.id)).version).toBe(2)
      expect(await t.activities.count({ filter: overdue })).toBe(0)
      const reopened = await t.activities.reopen(task.id)
      expect(reopened).toMatchObject({ done: false, completedAt: null, version: 3 })
      const moved = await t.activities.update(
        task.id,
        { dueAt: '2026-03-10T10:00:00Z' },
        { expectedVersion: 3 },
      )
      expect(moved.occurredAt).toBe('2026-03-10T10:00:00.000Z')
      expect((await t.contacts.timeline(c.id)).items[0]!.occurredAt).toBe('2026-03-10T10:00:00.000Z')
      expect(ctx.events().map((e) => e.type)).toEqual([
        'contact.created',
        'activity.created',
        'activity.completed',
        'activity.reopened',
        'activity.updated',
      ])
    })

    it('moving an activity to other contacts moves it between timelines', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const [a, b] = await t.contacts.createMany([{ firstName: 'A' }, { firstName: 'B' }])
      const note = await t.activities.create({ type: 'note', contactIds: [a!.id] })
      await t.activities.update(note.id, { contactIds: [b!.id] }, { expectedVersion: 1 })
      expect((await t.contacts.timeline(a!.id)).items).toEqual([])
      expect((await t.contacts.timeline(b!.id)).items.map((x) => x.id)).toEqual([note.id])
    })

    it('refuses bad activities and writes nothing', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const c = await t.contacts.create({ firstName: 'C' })
      const bad = [
        { type: 'fax', contactIds: [c.id] },
        { type: 'note', contactIds: [] },
        { type: 'note', dueAt: '2026-01-01T00:00:00Z', contactIds: [c.id] },
        { type: 'call', durationMinutes: -1, contactIds: [c.id] },
        { type: 'note', occurredAt: 'yesterday', contactIds: [c.id] },
      ]
      for (const input of bad) {
        await expect(t.activities.create(input as never), JSON.stringify(input)).rejects.toMatchObject({
          code: 'validation',
        })
      }
      await expect(t.activities.create({ type: 'note', contactIds: ['con_nope'] })).rejects.toMatchObject({
        code: 'notFound',
      })
      await expect(t.activities.complete('act_nope')).rejects.toMatchObject({ code: 'notFound' })
      const note = await t.activities.create({ type: 'note', contactIds: [c.id] })
      await expect(t.activities.complete(note.id)).rejects.toMatchObject({ code: 'invalidState' })
      await expect(
        t.activities.update(note.id, { contactIds: [] }, { expectedVersion: 1 }),
      ).rejects.toMatchObject({
        code: 'validation',
      })
      expect(await ctx.countRows(activityEntity, tenant)).toBe(1)
      expect(await ctx.countRows(activityLinkEntity, tenant)).toBe(1)
      await expect(t.contacts.timeline('con_nope')).rejects.toMatchObject({ code: 'notFound' })
    })
  })
}
