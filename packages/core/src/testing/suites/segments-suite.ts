import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RFM_GROUPS, scoreRfm } from '../../domain/segments/rfm'
import { purchaseEntity } from '../../entities/purchase-entity'
import type { Activity, Contact, Deal, Purchase } from '../../entities/records'
import { segmentEntity, segmentMemberEntity } from '../../entities/segment-entity'
import { isRapportError } from '../../errors/rapport-error'
import type { Filter } from '../../filter/filter-types'
import { uncheckedFilter } from '../../filter/unchecked-filter'
import { contactConditionArb, contactInputArb } from '../arbitraries'
import { activityArb, dealArb, filterWithRelatedArb, purchaseArb } from '../related-arbitraries'
import { freshTenant, propertyRuns, type SuiteContext } from '../test-kit'

const DAY = 86_400_000

/** Segmentation: related-record conditions (memory vs SQL), segments, RFM, audiences. */
export function segmentsSuite(ctx: SuiteContext) {
  describe('related-record conditions', () => {
    // The runs are spread over several tests: on an in-process PGlite on a loaded machine one test of all
    // runs came close to vitest's per-test timeout. Each part draws its own random cases.
    const parts = 4
    for (let part = 1; part <= parts; part++) {
      it(`memory and SQL agree on random filters over random contacts with purchases, deals and activities (part ${part} of ${parts})`, async () => {
        const people = fc.array(
          fc.record({
            contact: contactInputArb,
            purchases: fc.array(purchaseArb, { maxLength: 3 }),
            deals: fc.array(dealArb, { maxLength: 2 }),
            activities: fc.array(activityArb, { maxLength: 3 }),
          }),
          { minLength: 1, maxLength: 6 },
        )
        await fc.assert(
          fc.asyncProperty(people, filterWithRelatedArb(contactConditionArb), async (data, filter) => {
            const t = ctx.crm().tenant(freshTenant('rel'))
            const contacts = await t.contacts.createMany(data.map((d) => d.contact))
            const purchases = await t.purchases.createMany(
              data.flatMap((d, i) =>
                d.purchases.map((p) => ({
                  contactId: contacts[i]!.id,
                  amount: { amountMinor: p.amountMinor, currency: p.currency },
                  status: p.status,
                  occurredAt: p.occurredAt,
                  lineItems: p.skus.map((sku) => ({ sku, quantity: 2 })),
                })),
              ),
            )
            const deals = await t.deals.createMany(
              data.flatMap((d, i) =>
                d.deals.map((deal, k) => ({
                  name: `D${i}-${k}`,
                  stage: deal.stage,
                  amount:
                    deal.amountMinor === null ? null : { amountMinor: deal.amountMinor, currency: 'USD' },
                  closeDate: deal.closeDate,
                  contacts: [{ contactId: contacts[i]!.id }],
                })),
              ),
            )
            const activities = await t.activities.createMany(
              data.flatMap((d, i) =>
                d.activities.map((a) => ({
                  type: a.type,
                  ...(a.type === 'task' ? { dueAt: a.occurredAt } : {}),
                  occurredAt: a.occurredAt,
                  durationMinutes: a.durationMinutes,
                  contactIds: [contacts[i]!.id],
                  linkPrimaryCompanies: false,
                })),
              ),
            )
            const dealsOf = new Map<string, Deal<unknown>[]>()
            let d = 0
            data.forEach((person, i) => {
              dealsOf.set(contacts[i]!.id, deals.slice(d, d + person.deals.length))
              d += person.deals.length
            })
            const contextOf = (c: Contact<unknown>) => ({
              related: {
                purchases: purchases.filter((p: Purchase) => p.contactId === c.id),
                deals: dealsOf.get(c.id) ?? [],
                activities: activities.filter((a: Activity<unknown>) => a.contactIds.includes(c.id)),
              },
            })
            const sql = (await t.contacts.list({ filter: uncheckedFilter(filter), limit: 1000 })).items
              .map((c) => c.id)
              .sort()
            const memory = contacts
              .filter((c) => t.contacts.matches(c, uncheckedFilter(filter), contextOf(c)))
              .map((c) => c.id)
              .sort()
            expect(sql).toEqual(memory)
            expect(await t.contacts.count({ filter: uncheckedFilter(filter) })).toBe(memory.length)
          }),
          { numRuns: Math.ceil(propertyRuns(ctx.harness) / parts) },
        )
      })
    }

    it("answers the guide's questions: bought twice in 90 days in DE, not contacted in a year", async () => {
      const t = ctx.crm().tenant(freshTenant())
      const now = ctx.clock.now().getTime()
      const ago = (days: number) => new Date(now - days * DAY).toISOString()
      const [lena, jonas, mia] = await t.contacts.createMany([
        { firstName: 'Lena', country: 'DE' },
        { firstName: 'Jonas', country: 'DE' },
        { firstName: 'Mia', country: 'FR' },
      ])
      const paid = (contactId: string, days: number, amountMinor = 1000) => ({
        contactId,
        amount: { amountMinor, currency: 'EUR' },
        occurredAt: ago(days),
      })
      await t.purchases.createMany([
        paid(lena!.id, 10),
        paid(lena!.id, 80),
        paid(jonas!.id, 5),
        paid(jonas!.id, 120),
        paid(mia!.id, 1),
        paid(mia!.id, 2),
      ])
      await t.activities.create({ type: 'call', occurredAt: ago(400), contactIds: [jonas!.id] })
      await t.activities.create({ type: 'email', occurredAt: ago(30), contactIds: [mia!.id] })
      const boughtTwice: Filter = {
        and: [
          { field: 'country', op: 'eq', value: 'DE' },
          {
            related: 'purchases',
            where: { field: 'status', op: 'eq', value: 'paid' },
            withinDays: 90,
            having: { fn: 'count', op: 'gte', value: 2 },
          },
        ],
      }
      expect(
        (await t.contacts.list({ filter: uncheckedFilter(boughtTwice) })).items.map((c) => c.firstName),
      ).toEqual(['Lena'])
      const notContactedInAYear: Filter = { not: { related: 'activities', withinDays: 365 } }
      expect(
        (
          await t.contacts.list({
            filter: uncheckedFilter(notContactedInAYear),
            sort: { field: 'firstName' },
          })
        ).items.map((c) => c.firstName),
      ).toEqual(['Jonas', 'Lena'])
      const bigSpenders: Filter = {
        related: 'purchases',
        having: { fn: 'sum', field: 'amountMinor', op: 'gte', value: 2000 },
      }
      expect(await t.contacts.count({ filter: bigSpenders })).toBe(3)
      await t.purchases.update(
        (await t.purchases.list({ filter: { field: 'contactId', op: 'eq', value: mia!.id } })).items[0]!.id,
        { status: 'refunded' },
        { expectedVersion: 1 },
      )
      const paidSpenders: Filter = {
        related: 'purchases',
        where: { field: 'status', op: 'eq', value: 'paid' },
        having: { fn: 'sum', field: 'amountMinor', op: 'gte', value: 2000 },
      }
      expect(await t.contacts.count({ filter: paidSpenders })).toBe(2)
    })

    it('refuses unknown relations, unknown related fields and bad aggregates; treats hostile input as data', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const bad: unknown[] = [
        { related: 'orders' },
        { related: 'purchases; drop table contacts' },
        { related: 'purchases', where: { field: 'nope', op: 'eq', value: 1 } },
        { related: 'purchases', having: { fn: 'sum', field: 'status', op: 'gt', value: 1 } },
        { related: 'purchases', having: { fn: 'avg', field: 'amountMinor', op: 'gt', value: 1 } },
        { related: 'purchases', having: { fn: 'count', op: 'gt', value: -1 } },
        { related: 'purchases', withinDays: 1.5 },
        { related: 'purchases', extra: true },
        { related: 'rfm' },
        { inSegment: 'missing' },
        { inSegment: "x'; --" },
      ]
      for (const filter of bad) {
        await expect(
          t.contacts.count({ filter: uncheckedFilter(filter) }),
          JSON.stringify(filter),
        ).rejects.toMatchObject({ code: 'validation' })
      }
      const c = await t.contacts.create({ firstName: 'Q' })
      await t.purchases.create({
        contactId: c.id,
        amount: { amountMinor: 1, currency: 'EUR' },
        occurredAt: '2026-01-01T00:00:00Z',
        lineItems: [{ sku: "x'); drop table purchases; --", quantity: 1 }],
      })
      expect(
        await t.contacts.count({
          filter: {
            related: 'purchases',
            where: { field: 'skus', op: 'contains', value: "x'); drop table purchases; --" },
          },
        }),
      ).toBe(1)
    })
  })

  describe('segments', () => {
    it('dynamic, snapshot and static segments; references, counts, pages, streams, matches and diffs', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const people = await t.contacts.createMany(
        Array.from({ length: 7 }, (_, i) => ({
          firstName: `P${i}`,
          country: i < 4 ? 'DE' : 'FR',
          tags: i % 2 ? ['vip'] : [],
        })),
      )
      await t.purchases.create({
        contactId: people[0]!.id,
        amount: { amountMinor: 100, currency: 'EUR' },
        occurredAt: ctx.clock.now(),
      })
      const germany = await t.segments.create({
        key: 'germany',
        name: 'Germany',
        type: 'dynamic',
        filter: { field: 'country', op: 'eq', value: 'DE' },
      })
      expect(germany).toMatchObject({ id: 'seg_germany', type: 'dynamic', entity: 'contact', references: [] })
      await t.segments.create({
        key: 'german-vips',
        name: 'German VIPs',
        type: 'dynamic',
        filter: { and: [{ inSegment: 'germany' }, { field: 'tags', op: 'contains', value: 'vip' }] },
      })
      await t.segments.create({
        key: 'march',
        name: 'March list',
        type: 'snapshot',
        filter: { inSegment: 'germany' },
      })
      await t.segments.create({
        key: 'picked',
        name: 'Picked',
        type: 'static',
        memberIds: [people[5]!.id, people[6]!.id],
      })
      expect(await t.segments.count('germany')).toBe(4)
      expect(await t.segments.count('german-vips')).toBe(2)
      expect(await t.segments.count('march')).toBe(4)
      expect(await t.segments.count('picked')).toBe(2)
      expect(
        await t.contacts.count({ filter: { or: [{ inSegment: 'picked' }, { inSegment: 'german-vips' }] } }),
      ).toBe(4)

      // Membership follows the filter for dynamic segments only.
      await t.contacts.update(people[4]!.id, { country: 'DE' }, { expectedVersion: 1 })
      expect(await t.segments.count('germany')).toBe(5)
      expect(await t.segments.count('march')).toBe(4)
      expect(await t.segments.diff('germany', { segment: 'march' })).toEqual({
        entered: [people[4]!.id],
        left: [],
      })
      expect(await t.segments.diff('germany', [people[0]!.id, people[6]!.id])).toEqual({
        entered: [people[1]!.id, people[2]!.id, people[3]!.id, people[4]!.id].sort(),
        left: [people[6]!.id],
      })

      // Archived records leave every segment.
      await t.contacts.archive(people[1]!.id)
      expect(await t.segments.count('march')).toBe(3)

      expect(await t.segments.matches('german-vips', people[3]!.id)).toBe(true)
      expect(await t.segments.matches('german-vips', people[2]!)).toBe(false)
      await t.segments.create({
        key: 'buyers',
        name: 'Buyers',
        type: 'dynamic',
        filter: { and: [{ related: 'purchases' }, { inSegment: 'picked' }] },
      })
      expect(await t.segments.matches('buyers', people[0]!.id)).toBe(false)
      await t.segments.addMembers('picked', [people[0]!.id, people[5]!.id])
      expect(await t.segments.matches('buyers', people[0]!.id)).toBe(true)
      await t.segments.removeMembers('picked', [people[6]!.id])
      expect((await t.segments.memberIds('picked')).sort()).toEqual([people[0]!.id, people[5]!.id].sort())

      const pages: string[] = []
      let cursor: string | null = null
      do {
        const page = await t.segments.members('germany', { limit: 2, cursor, sort: { field: 'firstName' } })
        pages.push(...page.items.map((m) => (m as Contact<unknown>).firstName!))
        cursor = page.nextCursor
      } while (cursor)
      expect(pages).toEqual(['P0', 'P2', 'P3', 'P4'])
      const streamed: string[] = []
      for await (const member of t.segments.stream('germany', { batchSize: 3 }))
        streamed.push((member as Contact<unknown>).id)
      expect(streamed.sort()).toEqual([people[0]!.id, people[2]!.id, people[3]!.id, people[4]!.id].sort())

      await expect(t.segments.delete('germany')).rejects.toMatchObject({
        code: 'conflict',
        details: { usedBy: ['german-vips', 'march'] },
      })
      await t.segments.delete('german-vips')
      await expect(t.segments.get('german-vips')).rejects.toMatchObject({ code: 'notFound' })
      expect((await t.segments.list()).map((s) => s.key)).toEqual(['buyers', 'germany', 'march', 'picked'])
    })

    it('refuses bad segments and writes nothing', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      await t.segments.create({
        key: 'a',
        name: 'A',
        type: 'dynamic',
        filter: { field: 'country', op: 'eq', value: 'DE' },
      })
      const bad: unknown[] = [
        { key: 'Bad Key', name: 'x', type: 'dynamic', filter: { and: [] } },
        { key: 'b', name: 'x', type: 'dynamic' },
        { key: 'b', name: 'x', type: 'static', filter: { and: [] } },
        { key: 'b', name: 'x', type: 'dynamic', filter: { field: 'nope', op: 'isSet' } },
        { key: 'b', name: 'x', type: 'dynamic', filter: { inSegment: 'missing' } },
        { key: 'b', name: 'x', type: 'dynamic', entity: 'company', filter: { inSegment: 'a' } },
        { key: 'b', name: 'x', type: 'static', memberIds: ['con_missing'] },
        { key: 'a', name: 'dup', type: 'dynamic', filter: { and: [] } },
      ]
      for (const input of bad) {
        const error = await t.segments.create(input as never).catch((e) => e)
        expect(isRapportError(error), JSON.stringify(input)).toBe(true)
        expect(['validation', 'notFound', 'conflict']).toContain(error.code)
      }
      await expect(
        t.segments.update('a', { filter: { inSegment: 'a' } }, { expectedVersion: 1 }),
      ).rejects.toMatchObject({ code: 'validation' })
      await t.segments.create({ key: 'b', name: 'B', type: 'dynamic', filter: { inSegment: 'a' } })
      await expect(
        t.segments.update('a', { filter: { inSegment: 'b' } }, { expectedVersion: 1 }),
      ).rejects.toMatchObject({ code: 'validation' })
      await expect(t.segments.addMembers('a', ['con_x'])).rejects.toMatchObject({ code: 'invalidState' })
      expect(await ctx.countRows(segmentEntity, tenant)).toBe(2)
      expect(await ctx.countRows(segmentMemberEntity, tenant)).toBe(0)
    })

    it('audience: members who may be contacted on a channel, exclusions counted by reason', async () => {
      const t = ctx.crm().tenant(freshTenant())
      await t.contacts.createMany([
        { firstName: 'ok', email: 'ok@x.io', tags: ['list'], consent: { email: { status: 'subscribed' } } },
        { firstName: 'quiet', email: 'q@x.io', tags: ['list'] },
        {
          firstName: 'out',
          email: 'out@x.io',
          tags: ['list'],
          consent: { email: { status: 'unsubscribed' } },
        },
        { firstName: 'dnc', email: 'dnc@x.io', tags: ['list'], doNotContact: true },
        { firstName: 'nomail', tags: ['list'] },
        {
          firstName: 'shared',
          email: 'OUT@x.io ',
          tags: ['list'],
          consent: { email: { status: 'subscribed' } },
        },
      ])
      await t.segments.create({
        key: 'list',
        name: 'List',
        type: 'dynamic',
        filter: { field: 'tags', op: 'contains', value: 'list' },
      })
      const optOut = await t.segments.audience('list', 'email')
      expect(optOut).toMatchObject({
        total: 6,
        excluded: { unsubscribed: 2, doNotContact: 1, noAddress: 1, noConsent: 0, archived: 0 },
      })
      expect(optOut.contactIds).toHaveLength(2)
      const optIn = await t.segments.audience('list', 'email', { requireOptIn: true, batchSize: 2 })
      expect(optIn).toMatchObject({
        total: 6,
        excluded: { unsubscribed: 2, doNotContact: 1, noAddress: 1, noConsent: 1 },
      })
      expect(optIn.contactIds).toHaveLength(1)
    })
  })

  describe('RFM', () => {
    it('scores in SQL equal the pure NTILE twin on random purchases; groups are filters', async () => {
      const runs = Math.max(20, Math.round(propertyRuns(ctx.harness) / 10))
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.array(
              fc.record({
                days: fc.integer({ min: 0, max: 400 }),
                amount: fc.integer({ min: 0, max: 50_000 }),
                paid: fc.boolean(),
              }),
              { maxLength: 4 },
            ),
            {
              minLength: 1,
              maxLength: 12,
            },
          ),
          async (histories) => {
            const t = ctx.crm().tenant(freshTenant('rfm'))
            const contacts = await t.contacts.createMany(histories.map((_, i) => ({ firstName: `C${i}` })))
            const now = ctx.clock.now().getTime()
            const rows = histories.flatMap((history, i) =>
              history.map((p) => ({
                contactId: contacts[i]!.id,
                amount: { amountMinor: p.amount, currency: 'EUR' },
                status: p.paid ? ('paid' as const) : ('refunded' as const),
                occurredAt: new Date(now - p.days * DAY).toISOString(),
              })),
            )
            await t.purchases.createMany(rows)
            await t.purchases.create({
              contactId: contacts[0]!.id,
              amount: { amountMinor: 9, currency: 'USD' },
              occurredAt: new Date(now).toISOString(),
            })
            const result = await t.rfm.compute({ currency: 'EUR' })
            const figures = contacts.flatMap((c) => {
              const paid = rows.filter((r) => r.contactId === c.id && r.status === 'paid')
              if (paid.length === 0) return []
              return [
                {
                  contactId: c.id,
                  lastPurchaseAt: paid
                    .map((p) => p.occurredAt)
                    .sort()
                    .at(-1)!,
                  frequency: paid.length,
                  monetaryMinor: paid.reduce((s, p) => s + p.amount.amountMinor, 0),
                },
              ]
            })
            expect(result.contacts).toBe(figures.length)
            for (const expected of scoreRfm(figures)) {
              expect(await t.rfm.of(expected.contactId)).toMatchObject(expected)
            }
            const champions = await t.contacts.list({
              filter: uncheckedFilter(RFM_GROUPS.champions),
              limit: 1000,
            })
            const twin = scoreRfm(figures).filter(
              (s) => s.recencyScore >= 4 && s.frequencyScore >= 4 && s.monetaryScore >= 4,
            )
            expect(champions.items.map((c) => c.id).sort()).toEqual(twin.map((s) => s.contactId).sort())
          },
        ),
        { numRuns: runs },
      )
    })

    it('refuses purchases without a buyer, negative amounts and unknown contacts, writing nothing', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const when = '2026-01-01T00:00:00Z'
      await expect(
        t.purchases.create({ amount: { amountMinor: 1, currency: 'EUR' }, occurredAt: when }),
      ).rejects.toMatchObject({ code: 'validation' })
      await expect(
        t.purchases.create({
          contactId: 'con_x',
          amount: { amountMinor: -1, currency: 'EUR' },
          occurredAt: when,
        }),
      ).rejects.toMatchObject({ code: 'validation' })
      await expect(
        t.purchases.create({
          contactId: 'con_x',
          amount: { amountMinor: 1, currency: 'EUR' },
          occurredAt: when,
        }),
      ).rejects.toMatchObject({ code: 'notFound' })
      await expect(t.rfm.compute({ currency: 'euro' })).rejects.toMatchObject({ code: 'validation' })
      expect(await ctx.countRows(purchaseEntity, tenant)).toBe(0)
    })
  })
}
