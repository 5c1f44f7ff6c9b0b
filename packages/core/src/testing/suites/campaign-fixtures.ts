import type { Crm } from '../../api/create-crm'
import type { SuiteContext, suiteCustomFields } from '../test-kit'

type SuiteTenant = ReturnType<Crm<typeof suiteCustomFields>['tenant']>

/** Noon UTC on a March 2026 day: touches a whole number of days apart. */
export const march = (day: number) => `2026-03-${String(day).padStart(2, '0')}T12:00:00.000Z`

/**
 * The worked example of docs/campaigns.md: a webinar (A) with an email nurture under it (B), and a trade
 * show (C); three contacts who are members of all three; two won deals and one open deal. Every figure
 * the tests expect is computed by hand in the guide.
 */
export async function seedWorkedExample(ctx: SuiteContext, t: SuiteTenant) {
  const subscribed = { email: { status: 'subscribed' as const, source: 'signup form' } }
  const ana = await t.contacts.create({ firstName: 'Ana', email: 'ana@example.com', consent: subscribed })
  const ben = await t.contacts.create({ firstName: 'Ben', email: 'ben@example.com', consent: subscribed })
  const cy = await t.contacts.create({ firstName: 'Cy', email: 'cy@example.com', consent: subscribed })
  await t.segments.create({
    key: 'prospects',
    name: 'Prospects',
    type: 'static',
    memberIds: [ana.id, ben.id, cy.id],
  })
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' })
  const plan = { channel: 'email' as const, currency: 'USD', audienceSegmentKey: 'prospects' }
  const a = await t.campaigns.create({ ...plan, name: 'Webinar', budgetedCostMinor: 100_000 })
  const b = await t.campaigns.create({
    ...plan,
    name: 'Email nurture',
    parentId: a.id,
    budgetedCostMinor: 30_000,
  })
  const c = await t.campaigns.create({ ...plan, name: 'Trade show', budgetedCostMinor: 200_000 })
  for (const campaign of [a, b, c]) await t.campaigns.launch(campaign.id)

  await t.campaigns.recordTouches(a.id, [
    { contactId: ana.id, kind: 'sent', at: march(1) },
    { contactId: ben.id, kind: 'sent', at: march(1) },
    { contactId: cy.id, kind: 'sent', at: march(1) },
    { contactId: ana.id, kind: 'responded', at: march(2) },
  ])
  await t.campaigns.recordTouches(b.id, [
    { contactId: ana.id, kind: 'sent', at: march(5), opportunityCreated: true },
    { contactId: ben.id, kind: 'sent', at: march(5) },
    { contactId: ben.id, kind: 'clicked', at: march(6) },
    { contactId: ben.id, kind: 'responded', at: march(7) },
  ])
  await t.campaigns.recordTouches(c.id, [
    { contactId: cy.id, kind: 'sent', at: march(3) },
    { contactId: ana.id, kind: 'responded', at: march(8) },
    { contactId: ben.id, kind: 'sent', at: march(25) },
  ])
  await t.campaigns.recordCost(a.id, { date: '2026-02-20', amount: usd(50_000), category: 'media' })
  await t.campaigns.recordCost(a.id, { date: '2026-03-01', amount: usd(30_000), category: 'venue' })
  await t.campaigns.recordCost(b.id, { date: '2026-03-05', amount: usd(20_000), category: 'agency' })
  await t.campaigns.recordCost(c.id, { date: '2026-03-03', amount: usd(250_000), category: 'venue' })

  const deal1 = await t.deals.create({
    name: 'Ana: fleet laptops',
    amount: usd(100_000),
    primaryCampaignId: a.id,
    contacts: [{ contactId: ana.id }],
  })
  const deal2 = await t.deals.create({
    name: 'Ben: support plan',
    amount: usd(60_000),
    primaryCampaignId: b.id,
    contacts: [{ contactId: ben.id }],
  })
  const deal3 = await t.deals.create({
    name: 'Cy: new server',
    amount: usd(30_000),
    primaryCampaignId: c.id,
    contacts: [{ contactId: cy.id }],
  })
  ctx.clock.set(march(10))
  await t.deals.markWon(deal1.id)
  ctx.clock.set(march(20))
  await t.deals.markWon(deal2.id)
  ctx.clock.set(march(31))
  return { ana, ben, cy, a, b, c, deal1, deal2, deal3 }
}

/** Attributed revenue (own) of A, B and C per model, from the guide's hand computation. */
export const WORKED_REVENUE = {
  firstTouch: [160_000, 0, 0],
  lastTouch: [0, 60_000, 100_000],
  linear: [65_000, 70_000, 25_000],
  timeDecay: [47_744, 76_479, 35_777],
  uShaped: [74_000, 46_000, 40_000],
  wShaped: [58_000, 72_000, 30_000],
  primary: [100_000, 60_000, 0],
} as const
