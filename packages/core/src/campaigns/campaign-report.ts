import { z } from 'zod'
import type { AttributionModel } from '../domain/campaigns/attribution-models'
import type { CampaignMetrics } from '../domain/campaigns/campaign-metrics'
import { rollUpCampaignHierarchy } from '../domain/campaigns/hierarchy-rollup'
import { campaignEntity } from '../entities/campaign-entity'
import type { Campaign } from '../entities/records'
import { NotFoundError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import { findAll } from '../runtime/find-all'
import type { ServiceDeps } from '../runtime/service-context'
import { attributeToCampaigns, type ForeignCurrencyCredit } from './campaign-attribution'
import { campaignCounts } from './campaign-counts'
import { type CampaignReportInput, campaignReportInput } from './campaign-input'

/** One campaign in a report: its own metrics and those of its whole subtree. */
export interface CampaignReportRow {
  readonly campaignId: string
  readonly name: string
  readonly parentId: string | null
  /** 1 for a root. */
  readonly level: number
  readonly currency: string
  readonly status: Campaign['status']
  readonly own: CampaignMetrics
  /** Own totals plus every descendant's, with the ratios computed over the sums. */
  readonly rolledUp: CampaignMetrics
}

/** A campaign ROI report. */
export interface CampaignReport {
  readonly model: AttributionModel
  readonly halfLifeDays: number
  readonly wonFrom: string | null
  readonly wonTo: string | null
  readonly rows: readonly CampaignReportRow[]
  /** Credits left out because the deal's currency is not the campaign's (no conversion is guessed). */
  readonly foreignCurrencyCredits: readonly ForeignCurrencyCredit[]
}

/** The metrics a comparison ranks, and which way is better. */
const RANKED: Readonly<Partial<Record<keyof CampaignMetrics, 'high' | 'low'>>> = {
  roi: 'high',
  roas: 'high',
  attributedRevenueMinor: 'high',
  pipelineInfluencedMinor: 'high',
  responseRate: 'high',
  leadConversionRate: 'high',
  costPerLeadMinor: 'low',
  costPerResponseMinor: 'low',
  costPerAcquisitionMinor: 'low',
}

/** Campaigns side by side: rows in the order asked, and the leader of each ranked metric. */
export interface CampaignComparison extends CampaignReport {
  /** Per metric, the campaign with the best own value (null when no campaign has a value). */
  readonly leaders: Readonly<Partial<Record<keyof CampaignMetrics, string | null>>>
}

const compareIds = z.array(z.string().min(1).max(100)).min(2).max(50)

/** Campaign ROI: counts aggregated in SQL, revenue attributed by the pure models, rolled up the hierarchy. */
export function campaignReports(deps: ServiceDeps, tenantId: string) {
  async function report(input: CampaignReportInput = {}): Promise<CampaignReport> {
    const options = validate(campaignReportInput, input, 'campaign report options')
    const now = deps.clock.now().toISOString()
    const campaigns = await findAll(deps.adapter.reader, campaignEntity, tenantId, undefined, now)
    const known = new Set(campaigns.map((c) => c.id))
    const missing = options.campaignIds?.find((id) => !known.has(id))
    if (missing !== undefined) throw new NotFoundError('campaign', missing)

    const [counts, attributed] = await Promise.all([
      campaignCounts(deps, tenantId, campaigns, now),
      attributeToCampaigns(deps, tenantId, campaigns, options, now),
    ])
    const rollups = rollUpCampaignHierarchy(
      campaigns.map((c) => ({
        campaignId: c.id,
        parentId: c.parentId,
        totals: {
          ...counts.get(c.id)!,
          ...attributed.figures.get(c.id)!,
          budgetedCostMinor: c.budgetedCostMinor,
        },
      })),
    )
    const byId = new Map(campaigns.map((c) => [c.id, c]))
    const rowOf = new Map(
      rollups.map((r) => {
        const c = byId.get(r.campaignId)!
        const row: CampaignReportRow = {
          campaignId: c.id,
          name: c.name,
          parentId: c.parentId,
          level: r.level,
          currency: c.currency,
          status: c.status,
          own: r.own,
          rolledUp: r.rolledUp,
        }
        return [c.id, row]
      }),
    )
    const order = options.campaignIds ?? hierarchyOrder(campaigns)
    return {
      model: options.model,
      halfLifeDays: options.halfLifeDays,
      wonFrom: options.wonFrom ?? null,
      wonTo: options.wonTo ?? null,
      rows: order.map((id) => rowOf.get(id)!),
      foreignCurrencyCredits: attributed.foreignCurrency,
    }
  }

  return {
    /**
     * The ROI report: per campaign, its totals (actual cost, budget, sends, responses, leads, converted
     * leads, won deals, attributed revenue, pipeline influenced) and ratios (ROI, ROAS, CPL, cost per
     * response, CPA, response rate, lead conversion rate, budget utilisation), own and rolled up. A ratio
     * whose denominator is zero is null.
     */
    report,

    /**
     * Several campaigns side by side (a current one against past ones, siblings, ...), under the same model
     * and window, with the leader of each metric.
     */
    async compare(campaignIds: readonly string[], input: Omit<CampaignReportInput, 'campaignIds'> = {}) {
      const ids = validate(compareIds, campaignIds, 'campaign ids')
      const result = await report({ ...input, campaignIds: ids })
      const leaders: Partial<Record<keyof CampaignMetrics, string | null>> = {}
      for (const [metric, better] of Object.entries(RANKED) as [keyof CampaignMetrics, 'high' | 'low'][]) {
        let leader: { id: string; value: number } | null = null
        for (const row of result.rows) {
          const value = row.own[metric]
          if (typeof value !== 'number') continue
          if (leader === null || (better === 'high' ? value > leader.value : value < leader.value)) {
            leader = { id: row.campaignId, value }
          }
        }
        leaders[metric] = leader?.id ?? null
      }
      return { ...result, leaders } satisfies CampaignComparison
    },
  }
}

/** Campaigns parent before children, siblings by creation: the order a report reads top-down in. */
function hierarchyOrder(campaigns: readonly Campaign[]): string[] {
  const children = new Map<string | null, Campaign[]>()
  for (const c of [...campaigns].sort(byCreation)) {
    children.set(c.parentId, [...(children.get(c.parentId) ?? []), c])
  }
  const out: string[] = []
  const visit = (parent: string | null) => {
    for (const c of children.get(parent) ?? []) {
      out.push(c.id)
      visit(c.id)
    }
  }
  visit(null)
  return out
}

function byCreation(a: Campaign, b: Campaign): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
