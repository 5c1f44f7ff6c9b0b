import { FORECAST_CATEGORIES } from '../domain/pipeline/forecast-categories'
import { defineEntity } from './entity'
import { field } from './field'

/** One entry of a deal's stage history: its creation (from null) and every move. */
export const dealStageChangeEntity = defineEntity({
  name: 'dealStageChange',
  table: 'deal_stage_changes',
  idPrefix: 'dsc',
  versioned: false,
  customFields: false,
  since: 2,
  fields: {
    dealId: field.requiredString(),
    pipelineId: field.requiredString(),
    /** Null for the entry that records the deal's creation. */
    fromStage: field.string(),
    toStage: field.requiredString(),
    amountMinor: field.integer(),
    currency: field.requiredString(),
    probability: field.requiredNumber(),
    forecastCategory: field.requiredEnum(FORECAST_CATEGORIES),
    actor: field.string(),
    reason: field.string(),
    /** The move took a closed deal back out of its closed stage. */
    reopened: field.boolean(),
    occurredAt: field.requiredTimestamp(),
    /** The deal's version after the change: orders changes made within one millisecond. */
    dealVersion: field.requiredInteger(),
  },
  foreignKeys: [{ name: 'deal_stage_changes_deal_fk', columns: ['deal_id'], references: 'deals' }],
  indexes: [
    { name: 'deal_stage_changes_deal', columns: ['deal_id', 'deal_version'] },
    { name: 'deal_stage_changes_pipeline', columns: ['pipeline_id', 'occurred_at'] },
  ],
})
