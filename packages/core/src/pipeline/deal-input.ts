import { z } from 'zod'
import { FORECAST_CATEGORIES } from '../domain/pipeline/forecast-categories'
import { dealEntity } from '../entities/deal-entity'
import { isCalendarDate } from '../filter/resolve-filter'
import { moneySchema } from '../kernel/money'
import { timestampInput } from '../kernel/timestamps'
import { optionalText } from '../runtime/common-input'
import { type CreateInputWithCustom, recordInputs, type UpdateInputWithCustom } from '../runtime/record-input'

const calendarDate = z.string().refine(isCalendarDate, 'Expected a calendar date "YYYY-MM-DD"')
const stageKey = z.string().min(1).max(64)

/** A contact's part in a deal, as a caller gives it. */
export const dealContactInput = z
  .object({
    contactId: z.string().min(1).max(100),
    role: optionalText(200),
    isPrimary: z.boolean().optional(),
  })
  .strict()

/**
 * How deals are created and updated: one input rule per deal field a caller gives, plus the pipeline, stage
 * and amount they start with. The stage, and the values it decides, change through moves.
 */
const dealInputs = recordInputs(
  dealEntity,
  {
    name: z.string().trim().min(1, 'A deal needs a name').max(300),
    /** Key of the pipeline; the tenant's default pipeline when omitted. */
    pipeline: z.string().min(1).max(64).optional(),
    /** Key of the first stage; the pipeline's first open stage when omitted. */
    stage: stageKey.optional(),
    /** In the pipeline's currency. */
    amount: moneySchema.nullish(),
    /** Overrides the stage's probability (0–1); on update, null uses the stage's again. */
    probability: z.number().min(0).max(1).nullish(),
    /** Overrides the stage's forecast category; on update, null uses the stage's again. */
    forecastCategory: z.enum(FORECAST_CATEGORIES).nullish(),
    closeDate: calendarDate.nullish(),
    /** For deals imported straight into a closed stage: when they closed. Defaults to now. */
    closedAt: timestampInput.optional(),
    closeReason: optionalText(1000),
    ownerId: optionalText(200),
    companyId: z.string().min(1).max(100).nullish(),
    /** A campaign of this tenant; an id that names none (another tenant's included) is `notFound`. */
    primaryCampaignId: z.string().min(1).max(100).nullish(),
    source: optionalText(200),
    contacts: z.array(dealContactInput).max(100).default([]),
  },
  {
    computed: [
      'pipelineId',
      'stageKey',
      'stageEnteredAt',
      'amountMinor',
      'currency',
      'probabilityOverridden',
      'forecastCategoryOverridden',
      'expectedRevenueMinor',
      'isClosed',
      'isWon',
    ],
    createOnly: ['pipeline', 'stage', 'closedAt', 'contacts'],
  },
)

/** What a caller may set when creating a deal. */
export const dealCreateInput = dealInputs.create

/** The fields `deals.update` may change. Stage changes go through `move`, `markWon`, `markLost`, `reopen`. */
export const dealUpdateInput = dealInputs.update

/** Options of a stage move. */
export const dealMoveOptions = z
  .object({
    expectedVersion: z.number().int().min(1).optional(),
    actor: optionalText(200),
    reason: optionalText(1000),
  })
  .strict()

/** Options of `markWon` / `markLost`: an explicit closed stage, or the pipeline's first won / lost one. */
export const dealCloseOptions = dealMoveOptions.extend({ stage: stageKey.optional() }).strict()

/** What a caller passes to `deals.create`. */
export type DealCreateInput<CustomInput = Record<string, unknown>> = CreateInputWithCustom<
  typeof dealCreateInput,
  CustomInput
>

/** What a caller passes to `deals.update`. */
export type DealUpdateInput<CustomInput = Record<string, unknown>> = UpdateInputWithCustom<
  typeof dealUpdateInput,
  CustomInput
>

/** Options of `deals.move` and `deals.reopen`. */
export type DealMoveOptions = z.input<typeof dealMoveOptions>
/** Options of `deals.markWon` and `deals.markLost`. */
export type DealCloseOptions = z.input<typeof dealCloseOptions>
/** A contact's part in a deal. */
export type DealContactInput = z.input<typeof dealContactInput>
