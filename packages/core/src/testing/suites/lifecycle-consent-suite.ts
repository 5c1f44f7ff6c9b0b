import { describe, expect, it } from 'vitest'
import { lifecycleChangeEntity } from '../../entities/lifecycle-change-entity'
import { freshTenant, type SuiteContext } from '../test-kit'

/** Lifecycle stages (forward-only automation, recorded explicit moves) and consent. */
export function lifecycleAndConsentSuite(ctx: SuiteContext) {
  describe('lifecycle', () => {
    it('automatic moves only go forward; explicit moves go anywhere and are recorded', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const c = await t.contacts.create({ firstName: 'L', lifecycleStage: 'subscriber' })
      const forward = await t.contacts.advanceLifecycle(c.id, 'salesQualified', { actor: 'scoring' })
      expect(forward.moved).toBe(true)
      expect(forward.contact.lifecycleStage).toBe('salesQualified')
      const backward = await t.contacts.advanceLifecycle(c.id, 'lead')
      expect(backward.moved).toBe(false)
      expect(backward.contact.lifecycleStage).toBe('salesQualified')
      expect((await t.contacts.advanceLifecycle(c.id, 'salesQualified')).moved).toBe(false)
      const explicit = await t.contacts.setLifecycleStage(c.id, 'lead', {
        actor: 'user_7',
        reason: 'bad fit',
        expectedVersion: 2,
      })
      expect(explicit.lifecycleStage).toBe('lead')
      const history = await t.contacts.lifecycleHistory(c.id)
      expect(history.map((h) => [h.fromStage, h.toStage, h.direction, h.source, h.actor, h.reason])).toEqual([
        ['subscriber', 'salesQualified', 'forward', 'automatic', 'scoring', null],
        ['salesQualified', 'lead', 'backward', 'explicit', 'user_7', 'bad fit'],
      ])
      const changed = ctx.events().filter((e) => e.type === 'contact.lifecycleChanged')
      expect(changed).toHaveLength(2)
      await expect(
        t.contacts.setLifecycleStage(c.id, 'customer', { expectedVersion: 1 }),
      ).rejects.toMatchObject({
        code: 'conflict',
      })
      await expect(t.contacts.setLifecycleStage(c.id, 'vip' as never)).rejects.toMatchObject({
        code: 'validation',
      })
      expect(await ctx.countRows(lifecycleChangeEntity, tenant)).toBe(2)
    })

    it('a contact without a stage can be advanced to any stage', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({ firstName: 'N' })
      expect((await t.contacts.advanceLifecycle(c.id, 'customer')).moved).toBe(true)
      expect((await t.contacts.lifecycleHistory(c.id))[0]).toMatchObject({
        fromStage: null,
        toStage: 'customer',
      })
    })
  })

  describe('consent and contactability', () => {
    it('records consent per channel with its source, basis and time, and the previous status in the event', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({
        firstName: 'C',
        email: 'c@example.com',
        consent: { email: { status: 'subscribed' } },
      })
      ctx.clock.advance(1000)
      const u = await t.contacts.setConsent(c.id, 'email', {
        status: 'unsubscribed',
        source: 'unsubscribe link',
        legalBasis: 'consent',
      })
      expect(u.consent.email).toEqual({
        status: 'unsubscribed',
        source: 'unsubscribe link',
        legalBasis: 'consent',
        capturedAt: ctx.clock.now().toISOString(),
      })
      const event = ctx.events().find((e) => e.type === 'contact.consentChanged')!.payload as unknown as {
        previous: { status: string }
      }
      expect(event.previous.status).toBe('subscribed')
      expect(await t.contacts.canContact(c.id, 'email')).toEqual({ allowed: false, reason: 'unsubscribed' })
      await expect(
        t.contacts.setConsent(c.id, 'fax' as never, { status: 'subscribed' }),
      ).rejects.toMatchObject({
        code: 'validation',
      })
      const filtered = await t.contacts.count({
        filter: { field: 'consent.email.status', op: 'eq', value: 'unsubscribed' },
      })
      expect(filtered).toBe(1)
    })

    it('canContact checks archive, do-not-contact, address, opt-in and the least permissive shared address', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const plain = await t.contacts.create({ email: 'p@example.com', phone: '+49 30 1234567' })
      expect(await t.contacts.canContact(plain.id, 'email')).toEqual({ allowed: true })
      expect(await t.contacts.canContact(plain.id, 'email', { requireOptIn: true })).toEqual({
        allowed: false,
        reason: 'noConsent',
      })
      expect(await t.contacts.canContact(plain.id, 'postal')).toEqual({ allowed: false, reason: 'noAddress' })
      expect(await t.contacts.canContact(plain.id, 'postal', { hasPostalAddress: true })).toEqual({
        allowed: true,
      })
      const noPhone = await t.contacts.create({ email: 'x@example.com' })
      expect(await t.contacts.canContact(noPhone.id, 'sms')).toEqual({ allowed: false, reason: 'noAddress' })
      const dnc = await t.contacts.create({
        email: 'd@example.com',
        doNotContact: true,
        consent: { email: { status: 'subscribed' } },
      })
      expect(await t.contacts.canContact(dnc.id, 'email')).toEqual({ allowed: false, reason: 'doNotContact' })
      const subscribed = await t.contacts.create({
        email: 'Shared@Example.com',
        consent: { email: { status: 'subscribed' } },
      })
      expect(await t.contacts.canContact(subscribed.id, 'email', { requireOptIn: true })).toEqual({
        allowed: true,
      })
      await t.contacts.create({
        email: ' shared@example.COM',
        consent: { email: { status: 'unsubscribed' } },
      })
      expect(await t.contacts.canContact(subscribed.id, 'email')).toEqual({
        allowed: false,
        reason: 'unsubscribed',
      })
      await t.contacts.create({ phone: '+49 (30) 123-4567', consent: { sms: { status: 'unsubscribed' } } })
      expect(await t.contacts.canContact(plain.id, 'sms')).toEqual({ allowed: false, reason: 'unsubscribed' })
      expect(await t.contacts.canContact(plain.id, 'whatsapp')).toEqual({ allowed: true })
      await t.contacts.archive(plain.id)
      expect(await t.contacts.canContact(plain.id, 'email')).toEqual({ allowed: false, reason: 'archived' })
    })
  })
}
