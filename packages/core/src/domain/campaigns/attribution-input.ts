import { z } from 'zod'
import { currencySchema } from '../../kernel/money'
import { timestampInput } from '../../kernel/timestamps'
import { ATTRIBUTION_MODELS, DEFAULT_HALF_LIFE_DAYS } from './attribution-models'
import { TOUCH_KINDS } from './touch-kinds'

const id = z.string().min(1).max(200)

/** Validates an attribution model name, one of `ATTRIBUTION_MODELS`. */
export const attributionModelSchema = z.enum(ATTRIBUTION_MODELS)

/**
 * Validates the won deal whose amount is attributed. Unknown keys are dropped, so a whole deal record may
 * be passed.
 */
export const wonDealSchema = z.object({
  dealId: id,
  /** The amount to split, in integer minor units. */
  amountMinor: z.number().int().nonnegative().refine(Number.isSafeInteger, 'Amount is too large to be exact'),
  currency: currencySchema,
  /** When the deal was won; only touches at or before this instant count. */
  closedAt: timestampInput,
  /** The campaign the `primary` model credits; without one that model attributes nothing. */
  primaryCampaignId: id.nullish(),
})

/** A won deal as the caller passes it to `attributeDeal`. */
export type WonDealInput = z.input<typeof wonDealSchema>

/**
 * Validates one touch between a campaign and the deal's contacts. Unknown keys (a contact id, a member
 * id, ...) are dropped.
 */
export const campaignTouchSchema = z.object({
  campaignId: id,
  /** When the touch happened. */
  at: timestampInput,
  kind: z.enum(TOUCH_KINDS).optional(),
  /**
   * This touch is the one that created the opportunity: the `wShaped` model gives it the middle 30% when
   * it is neither the first nor the last touch.
   */
  opportunityCreated: z.boolean().optional(),
})

/** A touch as the caller passes it to `attributeDeal`. */
export type CampaignTouchInput = z.input<typeof campaignTouchSchema>

/** A touch after validation: `at` is a canonical UTC timestamp. */
export type CampaignTouch = z.output<typeof campaignTouchSchema>

/** Validates {@link AttributionOptions}; unknown keys are refused so a misspelt option is not ignored. */
export const attributionOptionsSchema = z
  .object({
    /**
     * Days after which a touch's `timeDecay` weight halves; a finite number above zero.
     *
     * @default 7
     */
    halfLifeDays: z.number().positive().default(DEFAULT_HALF_LIFE_DAYS),
  })
  .strict()

/** Options of `attributeDeal`. */
export type AttributionOptions = z.input<typeof attributionOptionsSchema>

/** Everything `attributeDeal` validates, in one schema so error paths name the argument. */
export const attributionRequestSchema = z.object({
  deal: wonDealSchema,
  touches: z.array(campaignTouchSchema),
  model: attributionModelSchema,
  options: attributionOptionsSchema,
})
