import type { PipelineDefinition } from '../domain/pipeline/pipeline-definition'
import { pipelineEntity } from '../entities/pipeline-entity'
import type { Pipeline } from '../entities/records'
import { InvalidStateError, NotFoundError, ValidationError } from '../errors/rapport-error'
import type { CommandContext, PipelineSeed, ServiceDeps } from '../runtime/service-context'
import type { StorageReader } from '../storage/storage-port'

// Reading a tenant's stored pipelines, for the pipelines service and for the deal services alike: the
// deal services find here the pipeline a deal is in, without importing the pipelines service.

/** A stored pipeline with its definition in the pure domain's shape. */
export interface StoredPipeline {
  readonly record: Pipeline
  readonly definition: PipelineDefinition
}

/** A stored pipeline row in the shape the deal services read. */
export function toStored(row: object): StoredPipeline {
  const record = row as Pipeline
  const definition: PipelineDefinition = {
    key: record.key,
    label: record.label,
    stages: record.stages,
    ...(record.transitions ? { transitions: record.transitions } : {}),
  }
  return { record, definition }
}

/** The deterministic id of a tenant's pipeline with this key: seeding the same default twice collides. */
export function pipelineIdOf(key: string): string {
  return `${pipelineEntity.idPrefix}_${key}`
}

/** The row that stores a validated pipeline, first version. */
export function pipelineRow(seed: PipelineSeed, now: string) {
  return {
    id: pipelineIdOf(seed.definition.key),
    version: 1,
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
    key: seed.definition.key,
    label: seed.definition.label,
    currency: seed.currency,
    position: seed.position,
    stages: seed.definition.stages,
    transitions: seed.definition.transitions ?? null,
  }
}

/** Stores the configured default pipelines for a tenant that has none yet, inside a command. */
export async function ensureDefaultPipelines(deps: ServiceDeps, ctx: CommandContext): Promise<void> {
  if (deps.seededTenants.has(ctx.tenantId)) return
  const stored = await ctx.tx.count(pipelineEntity, ctx.tenantId, undefined, ctx.now)
  if (stored === 0 && deps.pipelines.defaults.length > 0) {
    await ctx.tx.insert(
      pipelineEntity,
      ctx.tenantId,
      deps.pipelines.defaults.map((seed) => pipelineRow(seed, ctx.now)),
    )
  }
  // Only once the seed rows are committed: a command that fails later rolls them back, and a mark set
  // now would leave the tenant without pipelines until the process restarts.
  ctx.afterCommit(() => deps.seededTenants.add(ctx.tenantId))
}

/**
 * The pipeline a deal goes in: by key, or the tenant's default (the first active one by position).
 * @throws NotFoundError / InvalidStateError (archived) / ValidationError (none at all).
 */
export async function pipelineForNewDeal(deps: ServiceDeps, ctx: CommandContext, key: string | undefined) {
  await ensureDefaultPipelines(deps, ctx)
  if (key !== undefined) {
    const row = await ctx.tx.get(pipelineEntity, ctx.tenantId, pipelineIdOf(key))
    if (!row) throw new NotFoundError('pipeline', key)
    if (row.archivedAt !== null)
      throw new InvalidStateError(`pipeline ${key} is archived; it takes no new deals`)
    return toStored(row)
  }
  const [first] = await ctx.tx.find(pipelineEntity, ctx.tenantId, {
    filter: { kind: 'present', field: deps.catalogs.pipeline.fields.get('archivedAt')!, negate: true },
    sort: [{ field: deps.catalogs.pipeline.fields.get('position')!, direction: 'asc' }],
    limit: 1,
    now: ctx.now,
  })
  if (!first) {
    throw new ValidationError('The tenant has no active pipeline; create one with pipelines.create', [
      { code: 'custom', path: ['pipeline'], message: 'No active pipeline', input: undefined },
    ])
  }
  return toStored(first)
}

/** The pipeline of an existing deal. */
export async function pipelineOfDeal(reader: StorageReader, tenantId: string, pipelineId: string) {
  const row = await reader.get(pipelineEntity, tenantId, pipelineId)
  if (!row) throw new NotFoundError('pipeline', pipelineId)
  return toStored(row)
}
