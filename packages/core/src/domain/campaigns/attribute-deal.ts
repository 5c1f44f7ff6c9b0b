import type { z } from 'zod'
import { validate } from '../../errors/validate'
import { DAY_MS } from '../../kernel/timestamps'
import {
  type AttributionOptions,
  attributionRequestSchema,
  type CampaignTouchInput,
  type WonDealInput,
} from './attribution-input'
import type { AttributionModel } from './attribution-models'
import { type CountedTouch, countedTouches } from './counted-touches'
import { allocateByLargestRemainder } from './largest-remainder'
import { TOUCH_WEIGHTS } from './touch-weights'

/** One campaign's share of a won deal. */
export interface AttributionCredit {
  readonly campaignId: string
  /** The campaign's fraction of the deal, 0–1; the weights of one deal sum to 1. */
  readonly weight: number
  /** The campaign's whole-unit share of the deal amount; the amounts of one deal sum to its amount. */
  readonly amountMinor: number
}

/** How one won deal's amount was attributed under one model. */
export interface DealAttribution {
  readonly dealId: string
  readonly model: AttributionModel
  /** The deal's currency; every credit is in it. */
  readonly currency: string
  /**
   * One credit per campaign with a counted touch (for `primary`: the primary campaign), including
   * campaigns whose weight is zero under the model. Listed in the order the campaigns first touched the
   * deal. Empty when nothing counts: no touch at or before the close, or no primary campaign.
   */
  readonly credits: readonly AttributionCredit[]
}

/**
 * Attributes a won deal's amount to the campaigns that touched it, under one model.
 *
 * - Only touches at or before `closedAt` count (see `countedTouches` for the order they are read in).
 * - Credit from several touches of one campaign adds up.
 * - Amounts are whole minor units that sum exactly to the deal amount, by largest-remainder rounding over
 *   the campaigns; a tie in remainders goes to the campaign that touched the deal first.
 * - `primary` credits the deal's `primaryCampaignId` with everything, touched or not.
 *
 * @param deal - the won deal; extra keys are ignored
 * @param touches - touches between campaigns and the deal's contacts, in any order; extra keys are ignored
 * @param model - one of `ATTRIBUTION_MODELS`
 * @param options - `halfLifeDays` for `timeDecay` (default 7)
 * @throws ValidationError (code `validation`) when an argument is malformed: a negative or fractional
 *   amount, an unknown model, a half-life that is not a finite number above zero, a bad timestamp, ...
 *
 * @example
 * ```ts
 * const closedAt = '2026-03-31T00:00:00Z'
 * const deal = { dealId: 'deal_1', amountMinor: 1_000_000, currency: 'EUR', closedAt }
 * const touches = [
 *   { campaignId: 'cmp_webinar', at: '2026-03-01T00:00:00Z' },
 *   { campaignId: 'cmp_ads', at: '2026-03-10T00:00:00Z' },
 *   { campaignId: 'cmp_email', at: '2026-03-20T00:00:00Z' },
 * ]
 * attributeDeal(deal, touches, 'uShaped').credits
 * // [{ campaignId: 'cmp_webinar', weight: 0.4, amountMinor: 400000 },
 * //  { campaignId: 'cmp_ads', weight: 0.2, amountMinor: 200000 },
 * //  { campaignId: 'cmp_email', weight: 0.4, amountMinor: 400000 }]
 * ```
 */
export function attributeDeal(
  deal: WonDealInput,
  touches: readonly CampaignTouchInput[],
  model: AttributionModel,
  options: AttributionOptions = {},
): DealAttribution {
  return attributeValidDeal(
    validate(attributionRequestSchema, { deal, touches, model, options }, 'deal attribution'),
  )
}

/**
 * {@link attributeDeal} without validation, for inputs already known to be valid (rows read back from
 * storage): canonical timestamps, safe integer amounts, a known model and a positive half-life.
 */
export function attributeValidDeal(request: z.output<typeof attributionRequestSchema>): DealAttribution {
  const { dealId, amountMinor, currency, closedAt, primaryCampaignId } = request.deal
  const attribution = { dealId, model: request.model, currency }
  if (request.model === 'primary') {
    const credits = primaryCampaignId ? [{ campaignId: primaryCampaignId, weight: 1, amountMinor }] : []
    return { ...attribution, credits }
  }
  const counted = countedTouches(request.touches, Date.parse(closedAt))
  if (counted.length === 0) return { ...attribution, credits: [] }
  const touchWeights = TOUCH_WEIGHTS[request.model](counted, {
    halfLifeMs: request.options.halfLifeDays * DAY_MS,
  })
  const campaigns = weightsByCampaign(counted, touchWeights)
  const weightSum = campaigns.reduce((sum, campaign) => sum + campaign.weight, 0)
  const amounts = allocateByLargestRemainder(
    amountMinor,
    campaigns.map((campaign) => campaign.weight),
  )
  const credits = campaigns.map((campaign, index) => ({
    campaignId: campaign.campaignId,
    weight: campaign.weight / weightSum,
    amountMinor: amounts[index]!,
  }))
  return { ...attribution, credits }
}

/** Adds up the weights of each campaign's touches, listing campaigns in the order of their first touch. */
function weightsByCampaign(touches: readonly CountedTouch[], weights: readonly number[]) {
  const byCampaign = new Map<string, number>()
  touches.forEach((touch, position) => {
    byCampaign.set(touch.campaignId, (byCampaign.get(touch.campaignId) ?? 0) + weights[position]!)
  })
  return [...byCampaign].map(([campaignId, weight]) => ({ campaignId, weight }))
}
