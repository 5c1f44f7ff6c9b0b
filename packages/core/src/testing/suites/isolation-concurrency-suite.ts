import { describe, expect, it } from 'vitest'
import { createCrm } from '../../api/create-crm'
import { isRapportError } from '../../errors/rapport-error'
import { freshTenant, type SuiteContext } from '../test-kit'

/** Tenant isolation, version races, events after commit, migrations. */
export function isolationAndConcurrencySuite(ctx: SuiteContext) {
  describe('tenant isolation', () => {
    it("a tenant never sees or changes another tenant's rows", async () => {
      const a = ctx.crm().tenant(freshTenant('a'))
      const b = ctx.crm().tenant(freshTenant('b'))
      const contact = await a.contacts.create({ firstName: 'Private', email: 'p@a.com' })
      const company = await a.companies.create({ name: 'A Corp' })
      const note = await a.activities.create({ type: 'note', contactIds: [contact.id] })
      await b.contacts.create({
        firstName: 'Other',
        email: 'p@a.com',
        consent: { email: { status: 'unsubscribed' } },
      })
      expect(await b.contacts.tryGet(contact.id)).toBeNull()
      expect((await b.contacts.list()).items.map((c) => c.firstName)).toEqual(['Other'])
      expect(await b.contacts.count({ filter: { field: 'id', op: 'eq', value: contact.id } })).toBe(0)
      await expect(
        b.contacts.update(contact.id, { firstName: 'Hacked' }, { expectedVersion: 1 }),
      ).rejects.toMatchObject({
        code: 'notFound',
      })
      await expect(b.contacts.archive(contact.id)).rejects.toMatchObject({ code: 'notFound' })
      await expect(
        b.contacts.setConsent(contact.id, 'email', { status: 'unsubscribed' }),
      ).rejects.toMatchObject({ code: 'notFound' })
      await expect(b.contacts.advanceLifecycle(contact.id, 'customer')).rejects.toMatchObject({
        code: 'notFound',
      })
      await expect(b.contacts.timeline(contact.id)).rejects.toMatchObject({ code: 'notFound' })
      await expect(b.activities.get(note.id)).rejects.toMatchObject({ code: 'notFound' })
      await expect(b.activities.create({ type: 'note', contactIds: [contact.id] })).rejects.toMatchObject({
        code: 'notFound',
      })
      const bc = await b.contacts.create({ firstName: 'B' })
      await expect(b.contacts.linkCompany(bc.id, company.id)).rejects.toMatchObject({ code: 'notFound' })
      // The shared address lives in another tenant, so it does not count.
      expect(await a.contacts.canContact(contact.id, 'email')).toEqual({ allowed: true })
      expect((await a.contacts.get(contact.id)).firstName).toBe('Private')
      expect(ctx.queries().length).toBeGreaterThan(10)
    })

    it('refuses invalid tenant ids', () => {
      for (const id of ['', 'a b', 'x'.repeat(65), "t'; --"]) {
        expect(() => ctx.crm().tenant(id), id).toThrow(expect.objectContaining({ code: 'validation' }))
      }
    })
  })

  describe('concurrency', () => {
    it('20 concurrent updates naming the same version: exactly one wins, 19 conflict', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({ firstName: 'Race', custom: { score: 0 } })
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          t.contacts.update(c.id, { custom: { score: i + 1 } }, { expectedVersion: 1 }),
        ),
      )
      const won = results.filter((r) => r.status === 'fulfilled')
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect(won).toHaveLength(1)
      expect(lost).toHaveLength(19)
      for (const r of lost) expect(isRapportError(r.reason, 'conflict'), String(r.reason)).toBe(true)
      const final = await t.contacts.get(c.id)
      expect(final.version).toBe(2)
      expect(final.custom.score).toBe(
        (won[0] as PromiseFulfilledResult<{ custom: { score: number } }>).value.custom.score,
      )
      expect(ctx.events().filter((e) => e.type === 'contact.updated')).toHaveLength(1)
    })

    it('concurrent lifecycle moves record each move once', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({ firstName: 'L' })
      const results = await Promise.allSettled(
        (['lead', 'customer', 'evangelist'] as const).map((stage) =>
          t.contacts.setLifecycleStage(c.id, stage, { expectedVersion: 1 }),
        ),
      )
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      expect(await t.contacts.lifecycleHistory(c.id)).toHaveLength(1)
    })
  })

  describe('events', () => {
    it('delivers events after commit, with the committed state readable from the listener', async () => {
      const tenant = freshTenant()
      const crm = createCrm({ adapter: ctx.adapter(), clock: ctx.clock })
      const seen: string[] = []
      crm.events.on('contact.created', (event) => {
        seen.push(event.contact.id)
      })
      const c = await crm.tenant(tenant).contacts.create({ firstName: 'E' })
      expect(seen).toEqual([c.id])
      expect(await ctx.outboxCount(tenant)).toBe(1)
    })

    it('sends nothing when the command fails, and a throwing listener neither fails the command nor silences others', async () => {
      const errors: unknown[] = []
      const crm = createCrm({
        adapter: ctx.adapter(),
        clock: ctx.clock,
        onListenerError: (e) => errors.push(e),
      })
      const heard: string[] = []
      crm.events.on('contact.created', () => {
        throw new Error('listener bug')
      })
      crm.events.on('contact.created', (e) => heard.push(e.contact.id))
      const t = crm.tenant(freshTenant())
      const c = await t.contacts.create({ firstName: 'ok' })
      expect(heard).toEqual([c.id])
      expect(errors).toHaveLength(1)
      await expect(t.contacts.create({ email: 'bad' })).rejects.toMatchObject({ code: 'validation' })
      await expect(t.contacts.update(c.id, { firstName: 'x' }, { expectedVersion: 9 })).rejects.toMatchObject(
        { code: 'conflict' },
      )
      expect(heard).toEqual([c.id])
    })
  })

  describe('migrations', () => {
    it('are idempotent', async () => {
      expect((await ctx.unscoped(() => ctx.adapter().migrate())).applied).toEqual([])
    })
  })
}
