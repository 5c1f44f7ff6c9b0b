import { z } from 'zod'
import { ATTRIBUTION_MODELS, DEFAULT_HALF_LIFE_DAYS } from '../domain/campaigns/attribution-models'
import {
  CAMPAIGN_EVENT_KINDS,
  CAMPAIGN_STATUSES,
  memberStatusesSchema,
} from '../domain/campaigns/campaign-vocabulary'
import { CONTACT_CHANNELS } from '../domain/consent'
import { campaignEntity } from '../entities/campaign-entity'
import { isCalendarDate } from '../filter/resolve-filter'
import { currencySchema, moneySchema } from '../kernel/money'
import { timestampInput } from '../kernel/timestamps'
import { recordInputs } from '../runtime/record-input'

const id = z.string().min(1).max(100)
const calendarDate = z.string().refine(isCalendarDate, 'Expected a calendar date "YYYY-MM-DD"')
const minorUnits = z
  .number()
  .int()
  .nonnegative()
  .refine(Number.isSafeInteger, 'Amount is too large to be exact')
const segmentKey = z.string().min(1).max(64)
const message = z
  .object({ subject: z.string().trim().max(300).nullish(), body: z.string().max(100_000) })
  .strict()

function datesInOrder(plan: { startDate?: string | null; endDate?: string | null }, ctx: z.RefinementCtx) {
  if (plan.startDate && plan.endDate && plan.endDate < plan.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date is before the start date' })
  }
}

/**
 * How campaigns are planned and changed: one input rule per campaign field a caller gives. Currency and
 * parent are fixed at creation; launch, status and the hierarchy fields are the service's.
 */
const campaignInputs = recordInputs(
  campaignEntity,
  {
    name: z.string().trim().min(1).max(200),
    type: z.string().trim().min(1).max(60).nullish(),
    channel: z.enum(CONTACT_CHANNELS),
    startDate: calendarDate.nullish(),
    endDate: calendarDate.nullish(),
    budgetedCostMinor: minorUnits.nullish(),
    expectedRevenueMinor: minorUnits.nullish(),
    expectedResponseRate: z.number().min(0).max(1).nullish(),
    /** Key of the contact segment the audience is taken from at launch. */
    audienceSegmentKey: segmentKey.nullish(),
    offers: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
    message: message.nullish(),
    /** @default sent (default) and responded (responded) */
    memberStatuses: memberStatusesSchema.optional(),
    /** Budget, costs and attributed revenue are in this currency; a child must use its parent's. */
    currency: currencySchema,
    /** The parent campaign; the hierarchy may be at most five levels deep. */
    parentId: id.nullish(),
  },
  {
    computed: [
      'status',
      'rootId',
      'level',
      'launchedAt',
      'audienceTotal',
      'audienceExclusions',
      'finishedAt',
    ],
    createOnly: ['currency', 'parentId'],
  },
)

/** A campaign as a caller plans it. */
export const campaignCreateInput = campaignInputs.create.superRefine(datesInOrder)

/** What `campaigns.update` may change. Currency and parent are fixed at creation. */
export const campaignUpdateInput = campaignInputs.update.superRefine(datesInOrder)

/** What a caller passes to `campaigns.create`. */
export type CampaignCreateInput = z.input<typeof campaignCreateInput>
/** What a caller passes to `campaigns.update`. */
export type CampaignUpdateInput = z.input<typeof campaignUpdateInput>

/** A status a campaign may be moved to by hand (`active` only through `launch`). */
export const campaignFinishInput = z.enum(CAMPAIGN_STATUSES).exclude(['planned', 'active'])

/** One interaction to record between a campaign and one of its members. */
export const campaignTouchInput = z
  .object({
    contactId: id,
    kind: z.enum(CAMPAIGN_EVENT_KINDS),
    at: timestampInput,
    /** This touch created the opportunity (the `wShaped` model's middle touch). */
    opportunityCreated: z.boolean().optional(),
    /** Put the member in this status (one of the campaign's); responded kinds pick a responded one. */
    memberStatus: z.string().trim().min(1).max(60).optional(),
  })
  .strict()

/** What a caller passes to `campaigns.recordTouches`, one element per touch. */
export type CampaignTouchRecordInput = z.input<typeof campaignTouchInput>

/** A batch of touches; one command, one event. */
export const campaignTouchesInput = z.array(campaignTouchInput).min(1).max(10_000)

/** One entry of a campaign's cost ledger. */
export const campaignCostInput = z
  .object({
    /** The day the cost was incurred. */
    date: calendarDate,
    /** In the campaign's currency; a refund is a negative amount. */
    amount: moneySchema,
    category: z.string().trim().min(1).max(60),
    note: z.string().trim().max(1000).nullish(),
  })
  .strict()

/** What a caller passes to `campaigns.recordCost`. */
export type CampaignCostInput = z.input<typeof campaignCostInput>

/** Options of the campaign ROI report. */
export const campaignReportInput = z
  .object({
    /** Campaigns to report on (each with its hierarchy roll-up); every campaign when omitted. */
    campaignIds: z.array(id).min(1).max(10_000).optional(),
    /** @default 'linear' */
    model: z.enum(ATTRIBUTION_MODELS).default('linear'),
    /** Half-life of the `timeDecay` model in days. @default 7 */
    halfLifeDays: z.number().positive().max(3650).default(DEFAULT_HALF_LIFE_DAYS),
    /** Count deals won at or after this instant. */
    wonFrom: timestampInput.optional(),
    /** Count deals won before this instant. */
    wonTo: timestampInput.optional(),
  })
  .strict()

/** What a caller passes to `campaigns.report`. */
export type CampaignReportInput = z.input<typeof campaignReportInput>
