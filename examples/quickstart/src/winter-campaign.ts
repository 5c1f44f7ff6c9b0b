import type { TenantCrm } from '@rapport/core'
import type { repairShopFields } from './custom-fields'
import { table } from './report'
import type { StoryClock } from './story-clock'

type Shop = TenantCrm<typeof repairShopFields>

/** What the campaign part of the story shows. */
export interface CampaignFigures {
  readonly members: number
  readonly excluded: Readonly<Record<string, number>>
  readonly attributedRevenueMinor: number
  readonly actualCostMinor: number
  readonly roi: number | null
}

const euro = (minor: number) => `${(minor / 100).toFixed(2)} EUR`

/**
 * A winter tune-up mailing to everyone with an email address: the launch leaves out who opted out or must
 * not be contacted; Lena responds and books a tune-up for her office; the report credits the campaign.
 */
export async function runWinterCampaign(
  shop: Shop,
  clock: StoryClock,
  lenaId: string,
  print: (text: string) => void,
): Promise<CampaignFigures> {
  await shop.segments.create({
    key: 'with-email',
    name: 'Everyone with an email address',
    type: 'dynamic',
    filter: { field: 'email', op: 'isSet' },
  })
  const campaign = await shop.campaigns.create({
    name: 'Winter tune-up',
    type: 'newsletter',
    channel: 'email',
    currency: 'EUR',
    budgetedCostMinor: 30_000,
    expectedRevenueMinor: 150_000,
    audienceSegmentKey: 'with-email',
    offers: ['Laptop tune-up'],
    message: { subject: 'Is your laptop ready for winter?', body: 'A tune-up for 49 EUR.' },
  })
  clock.set('2026-11-24T08:00:00Z')
  const launch = await shop.campaigns.launch(campaign.id)
  const members = await shop.campaigns.members(campaign.id)
  await shop.campaigns.recordTouches(
    campaign.id,
    members.map((m) => ({ contactId: m.contactId, kind: 'sent' as const, at: clock.now() })),
  )
  await shop.campaigns.recordCost(campaign.id, {
    date: '2026-11-24',
    amount: { amountMinor: 24_000, currency: 'EUR' },
    category: 'newsletter tool',
  })
  clock.advance(3 * 60)
  await shop.campaigns.recordTouches(campaign.id, [{ contactId: lenaId, kind: 'responded', at: clock.now() }])

  const tuneUp = await shop.deals.create({
    name: 'Office laptops tune-up',
    amount: { amountMinor: 120_000, currency: 'EUR' },
    primaryCampaignId: campaign.id,
    contacts: [{ contactId: lenaId, role: 'Office manager' }],
  })
  clock.advance(24 * 60)
  await shop.deals.markWon(tuneUp.id, { reason: 'booked after the mailing' })

  print(`\nCampaign "${campaign.name}": ${launch.memberCount} of ${launch.audienceTotal} contacts mailed`)
  print(
    table(
      Object.entries(launch.excluded)
        .filter(([, count]) => count > 0)
        .map(([reason, count]) => ({ 'left out because': reason, contacts: count })),
    ),
  )
  const { rows } = await shop.campaigns.report({ model: 'linear' })
  const own = rows.find((r) => r.campaignId === campaign.id)!.own
  print('\nCampaign ROI (linear attribution)')
  print(
    table([
      {
        campaign: campaign.name,
        sent: own.sent,
        responses: own.responses,
        cost: euro(own.actualCostMinor),
        revenue: euro(own.attributedRevenueMinor),
        ROI: own.roi === null ? '-' : `${Math.round(own.roi * 100)}%`,
        'budget used': own.budgetUtilisation === null ? '-' : `${Math.round(own.budgetUtilisation * 100)}%`,
      },
    ]),
  )
  return {
    members: launch.memberCount,
    excluded: Object.fromEntries(Object.entries(launch.excluded).filter(([, n]) => n > 0)),
    attributedRevenueMinor: own.attributedRevenueMinor,
    actualCostMinor: own.actualCostMinor,
    roi: own.roi,
  }
}
