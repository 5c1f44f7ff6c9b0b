import { type Crm, nanoidGenerator } from '@rapport/core'
import {
  campaignCostEntity,
  campaignMemberEntity,
  campaignTouchEntity,
  type StoragePort,
} from '@rapport/core/storage'

/** The size of the seeded tenant. */
export interface CampaignSeedSize {
  readonly campaigns: number
  readonly contacts: number
  readonly membersPerCampaign: number
  readonly wonDeals: number
  readonly openDeals: number
}

/** What was seeded, for the printout. */
export interface CampaignSeed {
  readonly campaigns: number
  readonly members: number
  readonly touches: number
  readonly deals: number
  readonly seconds: number
}

const DAY = 86_400_000
const START = Date.parse('2026-01-01T00:00:00Z')
const BATCH = 10_000

/** A small deterministic generator, so both adapters get the same data. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * Seeds one tenant: contacts and campaigns (roots with nine children each) through the public API; members,
 * touches (a `sent` per member, a `responded` for one member in twenty) and costs straight through the
 * storage port in batches (the same rows `launch` / `recordTouches` / `recordCost` write, without a
 * transaction per call); won and open deals through `deals.createMany` with one contact each.
 */
export async function seedCampaignTenant(
  crm: Crm,
  adapter: StoragePort,
  tenantId: string,
  size: CampaignSeedSize,
): Promise<CampaignSeed> {
  const started = performance.now()
  const t = crm.tenant(tenantId)
  const next = random(42)
  const contactIds: string[] = []
  for (let from = 0; from < size.contacts; from += 5000) {
    const count = Math.min(5000, size.contacts - from)
    const made = await t.contacts.createMany(
      Array.from({ length: count }, (_, i) => ({ firstName: `Person ${from + i}` })),
    )
    contactIds.push(...made.map((c) => c.id))
  }
  const roots = Math.ceil(size.campaigns / 10)
  const rootCampaigns = await t.campaigns.createMany(
    Array.from({ length: roots }, (_, i) => ({
      name: `Program ${i}`,
      channel: 'email' as const,
      currency: 'USD',
      budgetedCostMinor: 1_000_000,
    })),
  )
  const children = await t.campaigns.createMany(
    Array.from({ length: size.campaigns - roots }, (_, i) => ({
      name: `Wave ${i}`,
      channel: 'email' as const,
      currency: 'USD',
      parentId: rootCampaigns[i % roots]!.id,
      budgetedCostMinor: 100_000,
    })),
  )
  const campaigns = [...rootCampaigns, ...children]

  let members: Record<string, unknown>[] = []
  let touches: Record<string, unknown>[] = []
  let memberCount = 0
  let touchCount = 0
  const now = new Date().toISOString()
  const flush = async (force: boolean) => {
    if (members.length >= BATCH || (force && members.length > 0)) {
      const rows = members
      members = []
      await adapter.transaction((tx) => tx.insert(campaignMemberEntity, tenantId, rows as never))
    }
    if (touches.length >= BATCH || (force && touches.length > 0)) {
      const rows = touches
      touches = []
      await adapter.transaction((tx) => tx.insert(campaignTouchEntity, tenantId, rows as never))
    }
  }
  for (const [index, campaign] of campaigns.entries()) {
    const offset = (index * 7919) % size.contacts
    const sentAt = START + Math.floor(next() * 150) * DAY
    for (let k = 0; k < size.membersPerCampaign; k++) {
      const contactId = contactIds[(offset + k) % size.contacts]!
      const responded = next() < 0.05
      members.push({
        id: nanoidGenerator(campaignMemberEntity.idPrefix),
        version: 1,
        createdAt: now,
        updatedAt: now,
        campaignId: campaign.id,
        contactId,
        status: responded ? 'responded' : 'sent',
        respondedAt: responded ? new Date(sentAt + DAY).toISOString() : null,
      })
      memberCount++
      const touch = { campaignId: campaign.id, contactId, opportunityCreated: false, recordedAt: now }
      touches.push({
        ...touch,
        id: nanoidGenerator(campaignTouchEntity.idPrefix),
        kind: 'sent',
        at: new Date(sentAt).toISOString(),
      })
      touchCount++
      if (responded) {
        touches.push({
          ...touch,
          id: nanoidGenerator(campaignTouchEntity.idPrefix),
          kind: 'responded',
          at: new Date(sentAt + DAY).toISOString(),
        })
        touchCount++
      }
      await flush(false)
    }
  }
  await flush(true)
  await adapter.transaction((tx) =>
    tx.insert(
      campaignCostEntity,
      tenantId,
      campaigns.flatMap((campaign) =>
        ['media', 'agency'].map((category) => ({
          id: nanoidGenerator(campaignCostEntity.idPrefix),
          campaignId: campaign.id,
          incurredOn: '2026-02-01',
          amountMinor: 10_000 + Math.floor(next() * 90_000),
          currency: 'USD',
          category,
          note: null,
          createdAt: now,
        })),
      ),
    ),
  )

  const deal = (i: number, won: boolean) => ({
    name: `Deal ${i}`,
    amount: { amountMinor: 10_000 + Math.floor(next() * 1_000_000), currency: 'USD' },
    primaryCampaignId: next() < 0.5 ? campaigns[Math.floor(next() * campaigns.length)]!.id : null,
    contacts: [{ contactId: contactIds[Math.floor(next() * size.contacts)]! }],
    ...(won
      ? {
          stage: 'closedWon',
          closedAt: new Date(START + (60 + Math.floor(next() * 150)) * DAY).toISOString(),
        }
      : {}),
  })
  for (let from = 0; from < size.wonDeals + size.openDeals; from += 2000) {
    const count = Math.min(2000, size.wonDeals + size.openDeals - from)
    await t.deals.createMany(
      Array.from({ length: count }, (_, i) => deal(from + i, from + i < size.wonDeals)),
    )
  }
  return {
    campaigns: campaigns.length,
    members: memberCount,
    touches: touchCount,
    deals: size.wonDeals + size.openDeals,
    seconds: (performance.now() - started) / 1000,
  }
}
