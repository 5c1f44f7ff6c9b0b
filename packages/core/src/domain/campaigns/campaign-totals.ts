import { z } from 'zod'

const count = z.number().int().nonnegative().refine(Number.isSafeInteger, 'Count is too large to be exact')
const minorUnits = z
  .number()
  .int()
  .nonnegative()
  .refine(Number.isSafeInteger, 'Amount is too large to be exact')

/**
 * Validates {@link CampaignTotals}: non-negative safe integers, amounts in the campaign's currency's minor
 * units. Counts are not checked against each other (more responses than sends is allowed), so rates may
 * exceed 1.
 */
export const campaignTotalsSchema = z.object({
  /** Sum of the campaign's cost entries. Costs stay with the campaign; they are never attributed. */
  actualCostMinor: minorUnits,
  /** The planned cost, or null when no budget was set. */
  budgetedCostMinor: minorUnits.nullable(),
  /** Won-deal revenue attributed to the campaign (see `attributeDeal`). */
  attributedRevenueMinor: minorUnits,
  /** Members the campaign was sent to. */
  sent: count,
  /** Members in a responded status. */
  responses: count,
  /** Leads the campaign produced. */
  leads: count,
  /** Of those leads, the ones converted. */
  convertedLeads: count,
  /** Won deals the campaign got credit for. */
  wonDeals: count,
  /**
   * Amount of the deals the campaign touched (influenced). A deal counts in full for every campaign that
   * touched it, so unlike attributed revenue this double-counts when summed across campaigns.
   */
  pipelineInfluencedMinor: minorUnits,
})

/** The raw sums of one campaign (or of a campaign and its descendants) that its metrics are computed from. */
export type CampaignTotals = z.output<typeof campaignTotalsSchema>

/** Every field of {@link CampaignTotals} but the budget, which may be null. */
const ALWAYS_SET_FIELDS = [
  'actualCostMinor',
  'attributedRevenueMinor',
  'sent',
  'responses',
  'leads',
  'convertedLeads',
  'wonDeals',
  'pipelineInfluencedMinor',
] as const satisfies readonly Exclude<keyof CampaignTotals, 'budgetedCostMinor'>[]

/** Totals of nothing: the start of a sum. */
export const EMPTY_CAMPAIGN_TOTALS: CampaignTotals = {
  actualCostMinor: 0,
  budgetedCostMinor: null,
  attributedRevenueMinor: 0,
  sent: 0,
  responses: 0,
  leads: 0,
  convertedLeads: 0,
  wonDeals: 0,
  pipelineInfluencedMinor: 0,
}

/**
 * Field-by-field sum of two totals. Budgets: a missing budget counts as zero, and the sum is null only when
 * both are null, so a parent without a budget of its own still shows its children's.
 */
export function addCampaignTotals(a: CampaignTotals, b: CampaignTotals): CampaignTotals {
  const sum = { ...a }
  for (const field of ALWAYS_SET_FIELDS) sum[field] = a[field] + b[field]
  sum.budgetedCostMinor =
    a.budgetedCostMinor === null && b.budgetedCostMinor === null
      ? null
      : (a.budgetedCostMinor ?? 0) + (b.budgetedCostMinor ?? 0)
  return sum
}
