import { FORECAST_CATEGORIES } from '../domain/pipeline/forecast-categories'
import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/** A deal (opportunity) in a pipeline. */
export const dealEntity = defineEntity({
  name: 'deal',
  table: 'deals',
  idPrefix: 'deal',
  versioned: true,
  customFields: true,
  since: 2,
  fields: {
    ...versionedSystemFields,
    archivedAt: field.timestamp(),
    name: field.requiredString(),
    pipelineId: field.requiredString(),
    /** Key of the stage the deal is in. */
    stageKey: field.requiredString(),
    /** When the deal entered its current stage. */
    stageEnteredAt: field.requiredTimestamp(),
    /** Amount in minor units of `currency`; null while unknown. */
    amountMinor: field.integer(),
    /** ISO 4217 currency: the pipeline's. */
    currency: field.requiredString(),
    /** Chance of winning, 0–1: the stage's, unless overridden on the deal. */
    probability: field.requiredNumber(),
    probabilityOverridden: field.boolean(),
    /** Forecast category: the stage's, unless overridden on the deal. */
    forecastCategory: field.requiredEnum(FORECAST_CATEGORIES),
    forecastCategoryOverridden: field.boolean(),
    /** amountMinor × probability, rounded half away from zero; null while the amount is unknown. */
    expectedRevenueMinor: field.integer(),
    /** Expected close date (a calendar date); set to the closing day when the deal closes. */
    closeDate: field.date(),
    /** When the deal was won or lost; null while open. */
    closedAt: field.timestamp(),
    isClosed: field.boolean(),
    isWon: field.boolean(),
    /** Why the deal was won or lost. */
    closeReason: field.string(),
    ownerId: field.string(),
    /** The account the deal is with. */
    companyId: field.string(),
    /** The campaign credited with the deal under the `primary` attribution model. */
    primaryCampaignId: field.string(),
    source: field.string(),
  },
  foreignKeys: [
    { name: 'deals_pipeline_fk', columns: ['pipeline_id'], references: 'pipelines' },
    { name: 'deals_company_fk', columns: ['company_id'], references: 'companies' },
  ],
  indexes: [
    { name: 'deals_stage', columns: ['pipeline_id', 'stage_key'] },
    { name: 'deals_forecast', columns: ['is_closed', 'close_date'] },
    { name: 'deals_owner', columns: ['owner_id'] },
    { name: 'deals_company', columns: ['company_id'] },
    { name: 'deals_updated', columns: ['updated_at', 'id'] },
  ],
})

/** The deal entity's description type. */
export type DealEntity = typeof dealEntity
