import type { ApiTenant } from './api-env'
import type { SeedClock } from './seed-clock'

/** One money figure of the demo, in cents of its one currency. */
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' })

/**
 * Three campaigns with a spring and early-summer history, told in the order it happened: the clock is
 * pinned to each step's instant, so launches, touches and wins carry the dates a real team would have.
 *
 * - "Spring promotion" (parent) and its child "Spring email wave" go to the `spring-audience` segment:
 *   four contacts, one of whom unsubscribed from email, so each launch makes 3 members and leaves 1 out.
 * - "Trade show 2026" goes to the `expo-visitors` segment (two contacts).
 *
 * Costs: promotion $1,000, email wave $500, trade show $4,000 + $1,000. Three deals are won, each with one
 * contact and so with that contact's touches before the close:
 *
 * | Deal | Amount | Touches before the win, oldest first | Primary |
 * | --- | ---: | --- | --- |
 * | Mia, won 20 April | $6,000 | promotion, wave, wave (responded) | wave |
 * | Quinn, won 15 May | $9,000 | trade show, trade show (responded) | trade show |
 * | Olga, won 20 May | $3,000 | promotion, trade show, trade show (responded) | promotion |
 *
 * Linear credit: Mia's thirds give the promotion $2,000 and the wave $4,000; Olga's thirds the promotion
 * $1,000 and the trade show $2,000. So promotion $3,000 / $1,000 → ROI +200%; wave $4,000 / $500 → +700%;
 * trade show $11,000 / $5,000 → +120%; the promotion with its wave $7,000 / $1,500 → +367%. First touch:
 * promotion $9,000 → +800%, wave $0 → −100%, trade show $9,000 → +80%. The won deals are closed, so the
 * open pipeline and its forecast stay as the deal seed left them.
 */
export async function seedDemoCampaigns(tenant: ApiTenant, clock: SeedClock): Promise<void> {
  const at = <T>(instant: string, step: () => Promise<T>) => clock.at(new Date(instant), step)
  const { campaigns } = tenant

  const { mia, noah, olga, quinn, spring, wave } = await at('2026-03-20T14:00:00Z', async () => {
    const [mia, noah, olga, , quinn] = await tenant.contacts.createMany([
      { firstName: 'Mia', lastName: 'Wong', email: 'mia@bakery.example', tags: ['spring'] },
      { firstName: 'Noah', lastName: 'Berg', email: 'noah@fjord.example', tags: ['spring'] },
      { firstName: 'Olga', lastName: 'Petrova', email: 'olga@studio.example', tags: ['spring', 'expo'] },
      {
        firstName: 'Pete',
        lastName: 'Quill',
        email: 'pete@quill.example',
        tags: ['spring'],
        // Opted out of email: every email launch leaves him out, counted as `unsubscribed`.
        consent: { email: { status: 'unsubscribed', source: 'preference centre' } },
      },
      { firstName: 'Quinn', lastName: 'Reyes', email: 'quinn@atelier.example', tags: ['expo'] },
    ])
    await tenant.segments.create({
      key: 'spring-audience',
      name: 'Spring audience',
      type: 'dynamic',
      filter: { field: 'tags', op: 'contains', value: 'spring' },
    })
    await tenant.segments.create({
      key: 'expo-visitors',
      name: 'Expo visitors',
      type: 'dynamic',
      filter: { field: 'tags', op: 'contains', value: 'expo' },
    })
    const spring = await campaigns.create({
      name: 'Spring promotion',
      type: 'promotion',
      channel: 'email',
      currency: 'USD',
      startDate: '2026-04-01',
      endDate: '2026-05-31',
      budgetedCostMinor: 1_200_00,
      audienceSegmentKey: 'spring-audience',
      offers: ['10% off service plans'],
      message: { subject: 'Spring is here', body: 'Book your service plan before May and save 10%.' },
    })
    const wave = await campaigns.create({
      name: 'Spring email wave',
      type: 'email',
      channel: 'email',
      currency: 'USD',
      parentId: spring.id,
      startDate: '2026-04-08',
      endDate: '2026-04-30',
      budgetedCostMinor: 600_00,
      audienceSegmentKey: 'spring-audience',
    })
    return { mia: mia!, noah: noah!, olga: olga!, quinn: quinn!, spring, wave }
  })

  await at('2026-04-01T13:00:00Z', async () => {
    await campaigns.launch(spring.id)
    await campaigns.recordCost(spring.id, { date: '2026-04-01', amount: usd(1_000_00), category: 'print' })
  })
  await at('2026-04-01T14:00:00Z', () =>
    campaigns.recordTouches(
      spring.id,
      [mia, noah, olga].map((contact) => ({
        contactId: contact.id,
        kind: 'sent',
        at: '2026-04-01T14:00:00Z',
      })),
    ),
  )
  await at('2026-04-08T13:00:00Z', async () => {
    await campaigns.launch(wave.id)
    await campaigns.recordCost(wave.id, { date: '2026-04-08', amount: usd(500_00), category: 'email tool' })
  })
  await at('2026-04-09T14:00:00Z', () =>
    campaigns.recordTouches(wave.id, [
      { contactId: mia.id, kind: 'sent', at: '2026-04-08T14:00:00Z' },
      { contactId: noah.id, kind: 'sent', at: '2026-04-08T14:00:00Z' },
      { contactId: mia.id, kind: 'responded', at: '2026-04-09T14:00:00Z' },
    ]),
  )
  // Planned after the spring campaigns, so the report (roots by creation) lists it after them.
  const expo = await at('2026-04-15T14:00:00Z', () =>
    campaigns.create({
      name: 'Trade show 2026',
      type: 'event',
      channel: 'email',
      currency: 'USD',
      startDate: '2026-05-05',
      endDate: '2026-05-07',
      budgetedCostMinor: 4_500_00,
      audienceSegmentKey: 'expo-visitors',
    }),
  )
  await at('2026-04-20T15:00:00Z', () =>
    wonDeal(tenant, 'Mia: service plan upgrade', 6_000_00, mia.id, wave.id, '2026-04-20T15:00:00Z'),
  )
  await at('2026-04-30T17:00:00Z', () => campaigns.finish(wave.id, 'completed'))
  await at('2026-05-05T13:00:00Z', async () => {
    await campaigns.launch(expo.id)
    await campaigns.recordCost(expo.id, { date: '2026-05-05', amount: usd(4_000_00), category: 'booth' })
  })
  await at('2026-05-07T18:00:00Z', async () => {
    await campaigns.recordTouches(expo.id, [
      { contactId: olga.id, kind: 'sent', at: '2026-05-05T14:00:00Z' },
      { contactId: quinn.id, kind: 'sent', at: '2026-05-05T14:00:00Z' },
      { contactId: olga.id, kind: 'responded', at: '2026-05-07T14:00:00Z' },
      { contactId: quinn.id, kind: 'responded', at: '2026-05-07T14:00:00Z' },
    ])
    await campaigns.recordCost(expo.id, { date: '2026-05-07', amount: usd(1_000_00), category: 'travel' })
    await campaigns.finish(expo.id, 'completed')
  })
  await at('2026-05-15T15:00:00Z', () =>
    wonDeal(tenant, 'Quinn: office fit-out', 9_000_00, quinn.id, expo.id, '2026-05-15T15:00:00Z'),
  )
  await at('2026-05-20T15:00:00Z', () =>
    wonDeal(tenant, 'Olga: laptop fleet top-up', 3_000_00, olga.id, spring.id, '2026-05-20T15:00:00Z'),
  )
}

/** A deal entered already won (straight into the won stage), so it never shows in the open pipeline. */
function wonDeal(
  tenant: ApiTenant,
  name: string,
  amountMinor: number,
  contactId: string,
  primaryCampaignId: string,
  closedAt: string,
) {
  return tenant.deals.create({
    name,
    stage: 'closedWon',
    closedAt,
    amount: usd(amountMinor),
    primaryCampaignId,
    contacts: [{ contactId, isPrimary: true }],
  })
}
