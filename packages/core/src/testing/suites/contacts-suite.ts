import { describe, expect, it } from 'vitest'
import { createCrm } from '../../api/create-crm'
import { contactEntity } from '../../entities/contact-entity'
import { isRapportError } from '../../errors/rapport-error'
import { freshTenant, type SuiteContext } from '../test-kit'

/** Contacts: create, read, update with versions, archive, bulk create, bad input. */
export function contactsSuite(ctx: SuiteContext) {
  describe('contacts', () => {
    it('creates a contact and reads it back with every field', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const created = await t.contacts.create({
        firstName: '  Ada ',
        lastName: 'Lovelace',
        email: 'Ada@Example.com',
        phone: '+44 (20) 7946-0958',
        jobTitle: 'Analyst',
        country: 'gb',
        city: 'London',
        kind: 'partner',
        tags: ['vip', 'vip', 'math'],
        lifecycleStage: 'lead',
        source: 'webinar',
        ownerId: 'user_1',
        preferredChannel: 'email',
        bestContactTime: { days: ['tue', 'mon'], from: '09:00', to: '12:30', timeZone: 'Europe/London' },
        consent: { email: { status: 'subscribed', source: 'form', legalBasis: 'consent' } },
        custom: { tier: 'gold', score: 4.5, since: '2024-02-01T10:00:00+01:00', address: { city: 'Bath' } },
      })
      expect(created.id).toMatch(/^con_/)
      expect(created.version).toBe(1)
      expect(created.firstName).toBe('Ada')
      expect(created.country).toBe('GB')
      expect(created.tags).toEqual(['vip', 'math'])
      expect(created.bestContactTime?.days).toEqual(['mon', 'tue'])
      expect(created.consent.email).toEqual({
        status: 'subscribed',
        source: 'form',
        legalBasis: 'consent',
        capturedAt: ctx.clock.now().toISOString(),
      })
      expect(created.custom).toEqual({
        tier: 'gold',
        score: 4.5,
        since: '2024-02-01T09:00:00.000Z',
        address: { city: 'Bath' },
      })
      expect(created).not.toHaveProperty('emailNormalized')
      const read = await t.contacts.get(created.id)
      expect(read).toEqual(created)
    })

    it('defaults: kind customer, no tags, no consent, doNotContact false, empty strings stored as null', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({ firstName: '', lastName: 'Solo' })
      expect(c).toMatchObject({
        kind: 'customer',
        tags: [],
        consent: {},
        doNotContact: false,
        firstName: null,
      })
      expect(c.custom).toEqual({})
    })

    it('get of an unknown id is a notFound error; tryGet returns null', async () => {
      const t = ctx.crm().tenant(freshTenant())
      await expect(t.contacts.get('con_missing')).rejects.toMatchObject({ code: 'notFound' })
      expect(await t.contacts.tryGet('con_missing')).toBeNull()
    })

    it('updates with the expected version, bumps it, emits the changed fields', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({
        firstName: 'Grace',
        email: 'grace@navy.mil',
        custom: { tier: 'silver', score: 1 },
      })
      ctx.clock.advance(60_000)
      const u = await t.contacts.update(
        c.id,
        { lastName: 'Hopper', custom: { score: 2 } },
        { expectedVersion: 1 },
      )
      expect(u.version).toBe(2)
      expect(u.lastName).toBe('Hopper')
      expect(u.custom).toEqual({ tier: 'silver', score: 2 })
      expect(u.updatedAt).toBe(ctx.clock.now().toISOString())
      expect(u.createdAt).toBe(c.createdAt)
      expect(await t.contacts.get(c.id)).toEqual(u)
      const updated = ctx.events().filter((e) => e.type === 'contact.updated')
      expect(updated).toHaveLength(1)
      expect(
        [...(updated[0]!.payload as unknown as { changedFields: string[] }).changedFields].sort(),
      ).toEqual(['custom', 'lastName'])
    })

    it('an update that changes nothing keeps the version and emits nothing', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({ firstName: 'Same' })
      const u = await t.contacts.update(c.id, { firstName: 'Same' }, { expectedVersion: 1 })
      expect(u.version).toBe(1)
      expect(ctx.events().filter((e) => e.type === 'contact.updated')).toHaveLength(0)
    })

    it('a stale expected version is a conflict and writes nothing', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({ firstName: 'A' })
      await t.contacts.update(c.id, { firstName: 'B' }, { expectedVersion: 1 })
      const error = await t.contacts.update(c.id, { firstName: 'C' }, { expectedVersion: 1 }).catch((e) => e)
      expect(isRapportError(error, 'conflict')).toBe(true)
      expect(error.details).toMatchObject({ expectedVersion: 1, actualVersion: 2 })
      expect((await t.contacts.get(c.id)).firstName).toBe('B')
    })

    it('update requires expectedVersion', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({ firstName: 'A' })
      // @ts-expect-error expectedVersion is required
      await expect(t.contacts.update(c.id, { firstName: 'B' }, {})).rejects.toMatchObject({
        code: 'validation',
      })
      expect((await t.contacts.get(c.id)).version).toBe(1)
    })

    it('archives and restores; archived contacts leave lists and refuse updates', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({ firstName: 'Old' })
      await t.contacts.create({ firstName: 'Kept' })
      const archived = await t.contacts.archive(c.id)
      expect(archived.archivedAt).toBe(ctx.clock.now().toISOString())
      expect(archived.version).toBe(2)
      expect((await t.contacts.archive(c.id)).version).toBe(2)
      expect((await t.contacts.list()).items.map((x) => x.firstName)).toEqual(['Kept'])
      expect((await t.contacts.list({ includeArchived: true })).items).toHaveLength(2)
      expect(await t.contacts.count()).toBe(1)
      await expect(
        t.contacts.update(c.id, { firstName: 'New' }, { expectedVersion: 2 }),
      ).rejects.toMatchObject({
        code: 'invalidState',
      })
      const restored = await t.contacts.restore(c.id, { expectedVersion: 2 })
      expect(restored.archivedAt).toBeNull()
      expect(await t.contacts.count()).toBe(2)
      expect(ctx.events().map((e) => e.type)).toEqual([
        'contact.created',
        'contact.created',
        'contact.archived',
        'contact.restored',
      ])
    })

    it('bad input throws a validation error with the issues and writes nothing', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const bad = [
        { email: 'not-an-email' },
        { country: 'Germany' },
        { phone: 'call me' },
        { lifecycleStage: 'prospect' },
        { unknownField: 1 },
        { bestContactTime: { days: ['mon'], from: '18:00', to: '09:00', timeZone: 'Europe/Berlin' } },
        { bestContactTime: { days: ['mon'], from: '08:00', to: '09:00', timeZone: 'Mars/Olympus' } },
        { custom: { tier: 'platinum' } },
        { custom: { undeclared: true } },
        { consent: { fax: { status: 'subscribed' } } },
      ]
      for (const input of bad) {
        const error = await t.contacts.create(input as never).catch((e) => e)
        expect(isRapportError(error, 'validation'), JSON.stringify(input)).toBe(true)
        expect(error.issues.length).toBeGreaterThan(0)
      }
      expect(await ctx.countRows(contactEntity, tenant)).toBe(0)
      expect(await ctx.outboxCount(tenant)).toBe(0)
      expect(ctx.events()).toEqual([])
    })

    it('createMany writes all rows in one transaction and emits one event', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const inputs = Array.from({ length: 250 }, (_, i) => ({
        firstName: `P${i}`,
        email: `p${i}@example.com`,
        tags: i % 2 ? ['odd'] : [],
        custom: { score: i },
      }))
      const created = await t.contacts.createMany(inputs)
      expect(created).toHaveLength(250)
      expect(new Set(created.map((c) => c.id)).size).toBe(250)
      expect(await t.contacts.count()).toBe(250)
      expect(await t.contacts.count({ filter: { field: 'tags', op: 'contains', value: 'odd' } })).toBe(125)
      expect(await t.contacts.get(created[7]!.id)).toEqual(created[7])
      expect(ctx.events().map((e) => e.type)).toEqual(['contact.createdMany'])
      expect(await ctx.outboxCount(tenant)).toBe(1)
      expect(await t.contacts.createMany([])).toEqual([])
    })

    it('createMany with one bad row names its index and writes nothing', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const error = await t.contacts
        .createMany([
          { firstName: 'ok' },
          { email: 'nope' },
          { firstName: 'ok' },
          { custom: { score: 'x' } },
        ] as never)
        .catch((e) => e)
      expect(isRapportError(error, 'validation')).toBe(true)
      expect(error.issues.map((i: { path: unknown[] }) => i.path[0])).toEqual([1, 3])
      expect(await ctx.countRows(contactEntity, tenant)).toBe(0)
    })

    it('a database failure in the middle of createMany rolls the whole batch back', async () => {
      const tenant = freshTenant()
      const ids = ['con_dup_1', 'con_dup_2', 'con_dup_1']
      const crm = createCrm({
        adapter: ctx.adapter(),
        clock: ctx.clock,
        idGenerator: () => ids.shift() ?? 'con_x',
      })
      const error = await crm
        .tenant(tenant)
        .contacts.createMany([{ firstName: 'a' }, { firstName: 'b' }, { firstName: 'c' }])
        .catch((e) => e)
      expect(isRapportError(error, 'conflict')).toBe(true)
      expect(await ctx.countRows(contactEntity, tenant)).toBe(0)
      expect(await ctx.outboxCount(tenant)).toBe(0)
    })
  })
}
