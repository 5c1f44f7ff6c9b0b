import { validate } from '../../errors/validate'
import { type CampaignTotals, campaignTotalsSchema } from './campaign-totals'

/**
 * A campaign's totals and the ratios computed from them. Every ratio is `null` when its denominator is
 * zero (or, for budget utilisation, when no budget is set): never `Infinity` or `NaN`. Rates are
 * fractions (0.25 is 25%) and are not capped at 1. Cost ratios are in minor units and may be fractional.
 */
export interface CampaignMetrics extends CampaignTotals {
  /** Return on investment: `(attributedRevenueMinor − actualCostMinor) / actualCostMinor`; 0.5 is +50%. */
  readonly roi: number | null
  /** Return on ad spend: `attributedRevenueMinor / actualCostMinor`. */
  readonly roas: number | null
  /** Cost per lead (CPL): `actualCostMinor / leads`, in minor units. */
  readonly costPerLeadMinor: number | null
  /** Cost per response: `actualCostMinor / responses`, in minor units. */
  readonly costPerResponseMinor: number | null
  /** Cost per acquisition (CPA): `actualCostMinor / wonDeals`, in minor units. */
  readonly costPerAcquisitionMinor: number | null
  /** Response rate: `responses / sent`. */
  readonly responseRate: number | null
  /** Lead conversion rate: `convertedLeads / leads`. */
  readonly leadConversionRate: number | null
  /** Budget utilisation: `actualCostMinor / budgetedCostMinor`; null without a budget or with a zero one. */
  readonly budgetUtilisation: number | null
}

/**
 * Computes a campaign's metrics from its totals; the totals are passed through unchanged.
 *
 * @throws ValidationError (code `validation`) when a total is not a non-negative safe integer
 *
 * @example
 * ```ts
 * campaignMetrics({
 *   actualCostMinor: 200_000, budgetedCostMinor: 250_000, attributedRevenueMinor: 900_000,
 *   sent: 1000, responses: 50, leads: 20, convertedLeads: 5, wonDeals: 2, pipelineInfluencedMinor: 3_000_000,
 * })
 * // { ...totals, roi: 3.5, roas: 4.5, costPerLeadMinor: 10000, costPerResponseMinor: 4000,
 * //   costPerAcquisitionMinor: 100000, responseRate: 0.05, leadConversionRate: 0.25,
 * //   budgetUtilisation: 0.8 }
 * ```
 */
export function campaignMetrics(totals: CampaignTotals): CampaignMetrics {
  return metricsOfValidTotals(validate(campaignTotalsSchema, totals, 'campaign totals'))
}

/** {@link campaignMetrics} without validation, for totals already known to be valid. */
export function metricsOfValidTotals(totals: CampaignTotals): CampaignMetrics {
  const cost = totals.actualCostMinor
  return {
    ...totals,
    roi: ratioOrNull(totals.attributedRevenueMinor - cost, cost),
    roas: ratioOrNull(totals.attributedRevenueMinor, cost),
    costPerLeadMinor: ratioOrNull(cost, totals.leads),
    costPerResponseMinor: ratioOrNull(cost, totals.responses),
    costPerAcquisitionMinor: ratioOrNull(cost, totals.wonDeals),
    responseRate: ratioOrNull(totals.responses, totals.sent),
    leadConversionRate: ratioOrNull(totals.convertedLeads, totals.leads),
    budgetUtilisation: totals.budgetedCostMinor === null ? null : ratioOrNull(cost, totals.budgetedCostMinor),
  }
}

/** `numerator / denominator`, or null when the denominator is zero so no ratio is ever infinite or NaN. */
export function ratioOrNull(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator
}
