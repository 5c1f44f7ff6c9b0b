import { dealValuesInStage, stageStateOfDeal } from '../domain/pipeline/deal-values'
import type { PipelineStage } from '../domain/pipeline/pipeline-definition'
import { dealEntity } from '../entities/deal-entity'
import { dealStageChangeEntity } from '../entities/deal-stage-change-entity'
import type { Deal } from '../entities/records'
import type { FieldCatalog } from '../filter/field-catalog'
import type { ResolvedFilter } from '../filter/resolved-filter'
import type { CommandContext, ServiceDeps } from '../runtime/service-context'
import { type VersionedRow, writeChanges } from '../runtime/versioned-write'
import { stageChangeRow } from './deal-spec'

// How a pipeline edit keeps the deals of its stages in step (see `pipelines.update`). Its own file, so the
// pipelines service reaches the deals through it and the deal services never import the pipelines service.

/** The deals of one stage of one pipeline. */
export function dealsInStageFilter(
  dealCatalog: FieldCatalog,
  pipelineId: string,
  stageKey: string,
): ResolvedFilter {
  return {
    kind: 'and',
    items: [
      { kind: 'compare', field: dealCatalog.fields.get('pipelineId')!, op: 'eq', value: pipelineId },
      { kind: 'compare', field: dealCatalog.fields.get('stageKey')!, op: 'eq', value: stageKey },
    ],
  }
}

async function dealsInStage(
  deps: ServiceDeps,
  ctx: CommandContext,
  pipelineId: string,
  stageKey: string,
): Promise<VersionedRow[]> {
  const rows = await ctx.tx.find(dealEntity, ctx.tenantId, {
    filter: dealsInStageFilter(deps.catalogs.deal, pipelineId, stageKey),
    now: ctx.now,
  })
  return rows as VersionedRow[]
}

/** Moves the deals of a removed stage to another stage, recording history; returns their ids. */
export async function moveDealsOfRemovedStage(
  deps: ServiceDeps,
  ctx: CommandContext,
  pipelineId: string,
  from: PipelineStage,
  to: PipelineStage,
  actor: string | null,
): Promise<string[]> {
  const deals = await dealsInStage(deps, ctx, pipelineId, from.key)
  for (const deal of deals) {
    const values = dealValuesInStage(to, {
      ...stageStateOfDeal(deal as unknown as Deal<unknown>),
      stageKey: to.key,
    })
    const written = await writeChanges(ctx, dealEntity, deal, {
      stageKey: to.key,
      stageEnteredAt: ctx.now,
      ...values,
    })
    await ctx.tx.insert(dealStageChangeEntity, ctx.tenantId, [
      stageChangeRow(deps, written, from.key, {
        actor,
        reason: `stage ${from.key} removed`,
        reopened: false,
        at: ctx.now,
      }),
    ])
  }
  return deals.map((d) => d.id)
}

/** Re-applies a stage's probability and forecast category to its deals that do not override them. */
export async function refreshStageValues(
  deps: ServiceDeps,
  ctx: CommandContext,
  pipelineId: string,
  stage: PipelineStage,
): Promise<void> {
  for (const deal of await dealsInStage(deps, ctx, pipelineId, stage.key)) {
    const values = dealValuesInStage(stage, stageStateOfDeal(deal as unknown as Deal<unknown>))
    if (values.probability !== deal.probability || values.forecastCategory !== deal.forecastCategory) {
      await writeChanges(ctx, dealEntity, deal, values)
    }
  }
}
