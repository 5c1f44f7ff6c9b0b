import type { PipelineStage, StageTransition } from '../domain/pipeline/pipeline-definition'
import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/** A tenant's pipeline: ordered stages, optional allowed moves, one currency for its deals. */
export const pipelineEntity = defineEntity({
  name: 'pipeline',
  table: 'pipelines',
  idPrefix: 'pip',
  versioned: true,
  customFields: false,
  since: 2,
  fields: {
    ...versionedSystemFields,
    /** When the pipeline was archived: no new deals, existing deals stay. */
    archivedAt: field.timestamp(),
    /** Identifier-like key, unique in the tenant; deals name their pipeline by it. */
    key: field.requiredString(),
    label: field.requiredString(),
    /** ISO 4217 currency of every deal amount in this pipeline, so its forecasts add up. */
    currency: field.requiredString(),
    /** Display order among the tenant's pipelines; the first is the default. */
    position: field.requiredInteger(),
    stages: field.requiredJson<readonly PipelineStage[]>({ filterable: false }),
    transitions: field.json<readonly StageTransition[] | null>({ filterable: false }),
  },
  indexes: [{ name: 'pipelines_key', columns: ['key'], unique: true }],
})

/** The pipeline entity's description type. */
export type PipelineEntity = typeof pipelineEntity
