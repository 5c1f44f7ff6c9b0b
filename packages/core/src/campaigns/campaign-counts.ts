import type { MemberStatus } from '../domain/campaigns/campaign-vocabulary'
import { campaignCostEntity, campaignMemberEntity, campaignTouchEntity } from '../entities/campaign-entity'
import { dealEntity } from '../entities/deal-entity'
import type { Campaign } from '../entities/records'
import type { ServiceDeps } from '../runtime/service-context'

/** What SQL aggregation gives per campaign: everything in its totals but the attributed figures. */
export interface CampaignCounts {
  actualCostMinor: number
  sent: number
  responses: number
  leads: number
  convertedLeads: number
}

const ZERO: CampaignCounts = { actualCostMinor: 0, sent: 0, responses: 0, leads: 0, convertedLeads: 0 }

/**
 * Per-campaign counts, each one grouped query in the database: actual cost (sum of the ledger), sends
 * (`sent` touches), responses (members in a responded status), leads (deals whose primary campaign it is,
 * archived ones left out) and converted leads (those of them won).
 */
export async function campaignCounts(
  deps: ServiceDeps,
  tenantId: string,
  campaigns: readonly Campaign[],
  now: string,
): Promise<Map<string, CampaignCounts>> {
  const reader = deps.adapter.reader
  const { catalogs } = deps
  const counts = new Map(campaigns.map((c) => [c.id, { ...ZERO }]))
  const countsOf = (id: unknown) => counts.get(String(id))
  const respondedStatuses = new Map(
    campaigns.map((c) => [
      c.id,
      new Set((c.memberStatuses as MemberStatus[]).filter((s) => s.responded).map((s) => s.name)),
    ]),
  )

  const [costs, sends, members, leads] = await Promise.all([
    reader.aggregate(campaignCostEntity, tenantId, {
      groupBy: [{ field: catalogs.campaignCost.fields.get('campaignId')! }],
      measures: [{ name: 'cost', fn: 'sum', field: catalogs.campaignCost.fields.get('amountMinor')! }],
      now,
    }),
    reader.aggregate(campaignTouchEntity, tenantId, {
      filter: { kind: 'compare', field: catalogs.campaignTouch.fields.get('kind')!, op: 'eq', value: 'sent' },
      groupBy: [{ field: catalogs.campaignTouch.fields.get('campaignId')! }],
      measures: [{ name: 'sent', fn: 'count' }],
      now,
    }),
    reader.aggregate(campaignMemberEntity, tenantId, {
      groupBy: [
        { field: catalogs.campaignMember.fields.get('campaignId')! },
        { field: catalogs.campaignMember.fields.get('status')! },
      ],
      measures: [{ name: 'members', fn: 'count' }],
      now,
    }),
    reader.aggregate(dealEntity, tenantId, {
      filter: {
        kind: 'and',
        items: [
          { kind: 'present', field: catalogs.deal.fields.get('primaryCampaignId')!, negate: false },
          { kind: 'present', field: catalogs.deal.fields.get('archivedAt')!, negate: true },
        ],
      },
      groupBy: [
        { field: catalogs.deal.fields.get('primaryCampaignId')! },
        { field: catalogs.deal.fields.get('isWon')! },
      ],
      measures: [{ name: 'deals', fn: 'count' }],
      now,
    }),
  ])
  for (const row of costs) {
    const c = countsOf(row.keys[0])
    if (c) c.actualCostMinor += Number(row.values.cost ?? 0)
  }
  for (const row of sends) {
    const c = countsOf(row.keys[0])
    if (c) c.sent += Number(row.values.sent)
  }
  for (const row of members) {
    const c = countsOf(row.keys[0])
    if (c && respondedStatuses.get(String(row.keys[0]))?.has(String(row.keys[1]))) {
      c.responses += Number(row.values.members)
    }
  }
  for (const row of leads) {
    const c = countsOf(row.keys[0])
    if (!c) continue
    c.leads += Number(row.values.deals)
    if (row.keys[1] === true || row.keys[1] === 1) c.convertedLeads += Number(row.values.deals)
  }
  return counts
}
