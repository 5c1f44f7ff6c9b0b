import { z } from 'zod'
import { pipelineDefinitionSchema } from '../domain/pipeline/pipeline-definition'
import { currencySchema } from '../kernel/money'

/** A pipeline as a caller defines it: the pure definition plus the currency of its deals. */
export const pipelineInput = z.object({
  definition: pipelineDefinitionSchema,
  currency: currencySchema,
  position: z.number().int().min(0).max(10_000).optional(),
})

/** What a caller passes to `pipelines.create` / `pipelines.update`. */
export type PipelineInput = z.input<typeof pipelineDefinitionSchema> & {
  /** ISO 4217 currency of every deal amount in the pipeline. */
  readonly currency: string
  /** Display order; the pipeline with the lowest position is the tenant's default. */
  readonly position?: number
}

/** Options of `pipelines.update`. */
export const pipelineUpdateOptions = z
  .object({
    expectedVersion: z.number().int().min(1).optional(),
    /**
     * Where the deals of removed stages go: `{ removedStageKey: targetStageKey }`. A stage that still has
     * deals cannot be removed without a target.
     */
    moveDeals: z.record(z.string(), z.string()).optional(),
    actor: z.string().max(200).optional(),
  })
  .strict()

/** Options of `pipelines.update`. */
export type PipelineUpdateOptions = z.input<typeof pipelineUpdateOptions>
