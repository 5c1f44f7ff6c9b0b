import { ValidationError } from '../../errors/rapport-error'
import { validate } from '../../errors/validate'
import { campaignHierarchySchema, type HierarchyCampaignInput } from './campaign-hierarchy'
import { type CampaignMetrics, metricsOfValidTotals } from './campaign-metrics'
import { addCampaignTotals, type CampaignTotals } from './campaign-totals'

/** One campaign of a hierarchy with its own metrics and those of its whole subtree. */
export interface CampaignRollup {
  readonly campaignId: string
  readonly parentId: string | null
  /** 1 for a root, up to `MAX_CAMPAIGN_LEVELS`. */
  readonly level: number
  /** Metrics over the campaign's own totals. */
  readonly own: CampaignMetrics
  /** Metrics over the totals of the campaign plus all its descendants. */
  readonly rolledUp: CampaignMetrics
}

/**
 * Rolls campaign totals up a hierarchy: each campaign's rolled-up totals are its own plus the rolled-up
 * totals of its children, and its rolled-up metrics are computed over those sums (never by averaging the
 * children's ratios). Budgets sum with a missing budget counting as zero (see `addCampaignTotals`).
 *
 * Pure: the caller loads every campaign of the hierarchy, all in one currency, and passes their own
 * totals. Results come back in input order.
 *
 * @throws ValidationError (code `validation`) when a total is malformed, an id repeats, a parent is not in
 *   the input, parent links loop, a campaign is deeper than `MAX_CAMPAIGN_LEVELS`, or a rolled-up
 *   sum is too large to be exact
 *
 * @example
 * ```ts
 * const rollups = rollUpCampaignHierarchy([
 *   { campaignId: 'cmp_launch', parentId: null, totals: { ...launchTotals, actualCostMinor: 100_000 } },
 *   { campaignId: 'cmp_ads', parentId: 'cmp_launch', totals: { ...adsTotals, actualCostMinor: 50_000 } },
 * ])
 * rollups[0].rolledUp.actualCostMinor // 150000
 * ```
 */
export function rollUpCampaignHierarchy(campaigns: readonly HierarchyCampaignInput[]): CampaignRollup[] {
  const tree = validate(campaignHierarchySchema, campaigns, 'campaign hierarchy')
  const rolledUp: CampaignTotals[] = tree.campaigns.map((campaign) => campaign.totals)
  // Deepest first, so every child's subtree is complete before it is added to its parent.
  const deepestFirst = tree.campaigns.map((_, index) => index).sort((a, b) => tree.level[b]! - tree.level[a]!)
  for (const index of deepestFirst) {
    const parent = tree.parentIndex[index]
    if (parent != null) rolledUp[parent] = addCampaignTotals(rolledUp[parent]!, rolledUp[index]!)
  }
  for (const [index, totals] of rolledUp.entries()) assertExact(totals, index)
  return tree.campaigns.map((campaign, index) => ({
    campaignId: campaign.campaignId,
    parentId: campaign.parentId ?? null,
    level: tree.level[index]!,
    own: metricsOfValidTotals(campaign.totals),
    rolledUp: metricsOfValidTotals(rolledUp[index]!),
  }))
}

/** Sums above 2^53 lose units silently, so they are refused instead. */
function assertExact(totals: CampaignTotals, index: number): void {
  for (const [field, value] of Object.entries(totals)) {
    if (value === null || Number.isSafeInteger(value)) continue
    const message = `Rolled-up ${field} is too large to be exact`
    throw new ValidationError(`Invalid campaign hierarchy at ${index}.totals.${field}: ${message}`, [
      { code: 'custom', path: [index, 'totals', field], message, input: value },
    ])
  }
}
