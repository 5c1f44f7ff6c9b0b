import { z } from 'zod'
import {
  findStage,
  type PipelineDefinition,
  type PipelineStage,
} from '../domain/pipeline/pipeline-definition'
import { dealEntity } from '../entities/deal-entity'
import { pipelineEntity } from '../entities/pipeline-entity'
import type { Pipeline } from '../entities/records'
import {
  ConflictError,
  InvalidStateError,
  NotFoundError,
  ValidationError,
  type ValidationIssue,
} from '../errors/rapport-error'
import { validate } from '../errors/validate'
import { resolveFilter } from '../filter/resolve-filter'
import {
  type CommandContext,
  type PipelineSeed,
  runCommand,
  type ServiceDeps,
} from '../runtime/service-context'
import { loadForChange, type VersionedRow, writeChanges } from '../runtime/versioned-write'
import { dealsInStageFilter, moveDealsOfRemovedStage, refreshStageValues } from './pipeline-edit-deals'
import {
  type PipelineInput,
  type PipelineUpdateOptions,
  pipelineInput,
  pipelineUpdateOptions,
} from './pipeline-input'
import { ensureDefaultPipelines, pipelineIdOf, pipelineRow, toStored } from './stored-pipelines'

const keySchema = z.string().min(1).max(64)

/**
 * Validates a pipeline for storage: the pure definition, a currency, and each stage's requirements as a deal
 * filter (unknown fields and bad values are reported with their path).
 */
export function parsePipeline(deps: ServiceDeps, input: unknown, position: number): PipelineSeed {
  // `position` and `currency` belong to the stored pipeline, the rest to its (strict) definition.
  const {
    definition: definitionInput,
    currency,
    position: givenPosition,
    ...rest
  } = (input ?? {}) as Record<string, unknown>
  void definitionInput
  const parsed = validate(
    pipelineInput,
    { definition: rest, currency, position: givenPosition ?? position },
    'pipeline',
  )
  const issues: ValidationIssue[] = []
  parsed.definition.stages.forEach((stage, i) => {
    if (stage.requirements !== undefined && stage.requirements !== null) {
      try {
        resolveFilter(stage.requirements, deps.catalogs.deal)
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        for (const issue of error.issues) {
          issues.push({ ...issue, path: ['stages', i, 'requirements', ...issue.path] } as ValidationIssue)
        }
      }
    }
    for (const guard of stage.guards ?? []) {
      if (!Object.hasOwn(deps.pipelines.guards, guard)) {
        issues.push({
          code: 'custom',
          path: ['stages', i, 'guards'],
          message: `Unknown guard "${guard}"; register it in createCrm({ pipelines: { guards } })`,
          input: guard,
        } as ValidationIssue)
      }
    }
  })
  if (issues.length > 0) {
    throw new ValidationError(
      `Invalid pipeline at ${issues[0]!.path.join('.')}: ${issues[0]!.message}`,
      issues,
    )
  }
  const definition = parsed.definition as PipelineDefinition
  return { definition, currency: parsed.currency, position: parsed.position ?? position }
}

/** The pipelines of one tenant. */
export function pipelinesService(deps: ServiceDeps, tenantId: string) {
  const catalog = deps.catalogs.pipeline
  const dealCatalog = deps.catalogs.deal

  async function loadByKey(ctx: CommandContext, key: string, expectedVersion?: number) {
    return loadForChange(
      ctx,
      pipelineEntity,
      pipelineIdOf(validate(keySchema, key, 'pipeline key')),
      expectedVersion,
    )
  }

  return {
    /** Every pipeline of the tenant (archived ones too), by position. */
    async list(): Promise<Pipeline[]> {
      await runCommand(deps, tenantId, (ctx) => ensureDefaultPipelines(deps, ctx))
      const rows = await deps.adapter.reader.find(pipelineEntity, tenantId, {
        sort: [{ field: catalog.fields.get('position')!, direction: 'asc' }],
        now: deps.clock.now().toISOString(),
      })
      return rows as unknown as Pipeline[]
    },

    /** One pipeline by key. @throws NotFoundError */
    async get(key: string): Promise<Pipeline> {
      await runCommand(deps, tenantId, (ctx) => ensureDefaultPipelines(deps, ctx))
      const row = await deps.adapter.reader.get(
        pipelineEntity,
        tenantId,
        pipelineIdOf(validate(keySchema, key, 'pipeline key')),
      )
      if (!row) throw new NotFoundError('pipeline', key)
      return row as unknown as Pipeline
    },

    /** Adds a pipeline. @throws ConflictError when the key is taken. */
    async create(input: PipelineInput): Promise<Pipeline> {
      return runCommand(deps, tenantId, async (ctx) => {
        await ensureDefaultPipelines(deps, ctx)
        const count = await ctx.tx.count(pipelineEntity, tenantId, undefined, ctx.now)
        const seed = parsePipeline(deps, input, count)
        if (await ctx.tx.get(pipelineEntity, tenantId, pipelineIdOf(seed.definition.key))) {
          throw new ConflictError(`A pipeline with key "${seed.definition.key}" exists`, {
            details: { reason: 'keyTaken', key: seed.definition.key },
          })
        }
        const row = pipelineRow(seed, ctx.now)
        await ctx.tx.insert(pipelineEntity, tenantId, [row])
        const pipeline = row as unknown as Pipeline
        ctx.emit('pipeline.created', { pipeline })
        return pipeline
      })
    },

    /**
     * Replaces a pipeline's definition without orphaning its deals. Labels, order, probabilities, forecast
     * categories, rot days, requirements, guards and transitions may change freely (deals that do not
     * override probability or forecast category follow the new stage values). A stage that still has deals
     * may be removed only with `moveDeals: { removed: target }` (same outcome: open to open, won to won,
     * lost to lost); its deals move there with a history entry. A stage with deals cannot change between
     * open, won and lost, and a pipeline with deals cannot change currency.
     */
    async update(key: string, input: PipelineInput, options: PipelineUpdateOptions = {}): Promise<Pipeline> {
      const opts = validate(pipelineUpdateOptions, options, 'pipeline update options')
      return runCommand(deps, tenantId, async (ctx) => {
        await ensureDefaultPipelines(deps, ctx)
        const current = await loadByKey(ctx, key, opts.expectedVersion)
        const before = toStored(current)
        const next = parsePipeline(deps, input, (current as unknown as Pipeline).position)
        if (next.definition.key !== before.record.key) {
          throw new ValidationError('A pipeline key cannot change: create a new pipeline instead', [
            { code: 'custom', path: ['key'], message: 'Key is immutable', input: next.definition.key },
          ])
        }
        const dealsIn = (stageKey: string) =>
          ctx.tx.count(dealEntity, tenantId, dealsInStageFilter(dealCatalog, current.id, stageKey), ctx.now)
        if (next.currency !== before.record.currency) {
          const any = await ctx.tx.count(
            dealEntity,
            tenantId,
            { kind: 'compare', field: dealCatalog.fields.get('pipelineId')!, op: 'eq', value: current.id },
            ctx.now,
          )
          if (any > 0) {
            throw new InvalidStateError(
              `pipeline ${key} has ${any} deals in ${before.record.currency}; its currency cannot change`,
              {
                details: { reason: 'currencyInUse', deals: any },
              },
            )
          }
        }
        const moves: [PipelineStage, PipelineStage][] = []
        for (const old of before.definition.stages) {
          const kept = findStage(next.definition, old.key)
          const count = await dealsIn(old.key)
          if (kept) {
            if (count > 0 && (kept.isClosed !== old.isClosed || kept.isWon !== old.isWon)) {
              throw new InvalidStateError(
                `stage ${old.key} has ${count} deals and cannot change between open, won and lost`,
                { details: { reason: 'stageOutcomeInUse', stage: old.key, deals: count } },
              )
            }
            continue
          }
          if (count === 0) continue
          const targetKey = opts.moveDeals?.[old.key]
          const target = targetKey === undefined ? undefined : findStage(next.definition, targetKey)
          if (!target) {
            throw new InvalidStateError(
              `stage ${old.key} still has ${count} deals; pass moveDeals: { ${old.key}: '<stage>' } to move them`,
              { details: { reason: 'stageHasDeals', stage: old.key, deals: count } },
            )
          }
          if (target.isClosed !== old.isClosed || target.isWon !== old.isWon) {
            throw new InvalidStateError(
              `deals of stage ${old.key} can only move to a stage with the same outcome`,
              {
                details: { reason: 'moveChangesOutcome', stage: old.key, target: target.key },
              },
            )
          }
          moves.push([old, target])
        }
        const written = (await writeChanges(ctx, pipelineEntity, current, {
          label: next.definition.label,
          position: next.position,
          stages: next.definition.stages,
          transitions: next.definition.transitions ?? null,
        })) as VersionedRow
        const after = toStored(written)
        const movedDealIds: string[] = []
        for (const [from, to] of moves) {
          movedDealIds.push(
            ...(await moveDealsOfRemovedStage(deps, ctx, current.id, from, to, opts.actor ?? null)),
          )
        }
        for (const stage of after.definition.stages) {
          const old = findStage(before.definition, stage.key)
          if (
            old &&
            (old.probability !== stage.probability || old.forecastCategory !== stage.forecastCategory)
          ) {
            await refreshStageValues(deps, ctx, current.id, stage)
          }
        }
        const pipeline = written as unknown as Pipeline
        ctx.emit('pipeline.updated', { pipeline, movedDealIds })
        return pipeline
      })
    },

    /** Archives a pipeline: it takes no new deals; its deals stay and can still move. */
    async archive(key: string, options: { expectedVersion?: number } = {}): Promise<Pipeline> {
      return runCommand(deps, tenantId, async (ctx) => {
        await ensureDefaultPipelines(deps, ctx)
        const current = await loadByKey(ctx, key, options.expectedVersion)
        if (current.archivedAt !== null) return current as unknown as Pipeline
        const written = (await writeChanges(ctx, pipelineEntity, current, {
          archivedAt: ctx.now,
        })) as unknown as Pipeline
        ctx.emit('pipeline.archived', { pipeline: written })
        return written
      })
    },
  }
}
