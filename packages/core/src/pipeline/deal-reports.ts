import { z } from 'zod'
import {
  type ClosedDealStats,
  closedDealStats,
  conversionFunnel,
  type FunnelStep,
  type HistoryRow,
  type RottingDeal,
  rottingDeals,
  type StageDuration,
  timeInStage,
} from '../domain/pipeline/pipeline-reports'
import { activityLinkEntity } from '../entities/activity-entity'
import { dealEntity } from '../entities/deal-entity'
import { dealStageChangeEntity } from '../entities/deal-stage-change-entity'
import { validate } from '../errors/validate'
import type { ResolvedFilter } from '../filter/resolved-filter'
import { timestampInput } from '../kernel/timestamps'
import { chunks, findAll } from '../runtime/find-all'
import { runCommand, type ServiceDeps } from '../runtime/service-context'
import { ensureDefaultPipelines, pipelineIdOf, pipelineOfDeal, type StoredPipeline } from './stored-pipelines'

const pipelineKey = z.string().min(1).max(64)
const rangeOptions = z
  .object({ pipeline: pipelineKey, from: timestampInput.optional(), to: timestampInput.optional() })
  .strict()
const closedOptions = z
  .object({ pipeline: pipelineKey.optional(), from: timestampInput, to: timestampInput })
  .strict()

/** Options of the funnel and time-in-stage reports: a pipeline, and optionally deals created in a range. */
export type PipelineReportOptions = z.input<typeof rangeOptions>
/** Options of the win-rate and sales-cycle report: deals closed in a range, in one pipeline or all. */
export type ClosedDealsReportOptions = z.input<typeof closedOptions>

/** Pipeline reports of one tenant. */
export function dealReports(deps: ServiceDeps, tenantId: string) {
  const deal = (name: string) => deps.catalogs.deal.fields.get(name)!
  const history = (name: string) => deps.catalogs.dealStageChange.fields.get(name)!
  const now = () => deps.clock.now().toISOString()

  async function pipelineByKey(key: string): Promise<StoredPipeline> {
    await runCommand(deps, tenantId, (ctx) => ensureDefaultPipelines(deps, ctx))
    return pipelineOfDeal(deps.adapter.reader, tenantId, pipelineIdOf(key))
  }

  /** History of the pipeline's deals, optionally only deals created in [from, to]. */
  async function historyOf(pipeline: StoredPipeline, from?: string, to?: string): Promise<HistoryRow[]> {
    const inPipeline: ResolvedFilter = {
      kind: 'compare',
      field: history('pipelineId'),
      op: 'eq',
      value: pipeline.record.id,
    }
    if (from === undefined && to === undefined) {
      return (await findAll(
        deps.adapter.reader,
        dealStageChangeEntity,
        tenantId,
        inPipeline,
        now(),
      )) as HistoryRow[]
    }
    const created: ResolvedFilter[] = [
      { kind: 'compare', field: deal('pipelineId'), op: 'eq', value: pipeline.record.id },
    ]
    if (from !== undefined)
      created.push({ kind: 'compare', field: deal('createdAt'), op: 'gte', value: from })
    if (to !== undefined) created.push({ kind: 'compare', field: deal('createdAt'), op: 'lte', value: to })
    const deals = await findAll(
      deps.adapter.reader,
      dealEntity,
      tenantId,
      { kind: 'and', items: created },
      now(),
    )
    const rows: HistoryRow[] = []
    for (const ids of chunks(deals.map((d) => d.id))) {
      const filter: ResolvedFilter = { kind: 'member', field: history('dealId'), negate: false, values: ids }
      rows.push(
        ...((await findAll(
          deps.adapter.reader,
          dealStageChangeEntity,
          tenantId,
          filter,
          now(),
        )) as HistoryRow[]),
      )
    }
    return rows
  }

  return {
    /** Average and median days deals spend in each open stage, and how long current deals have been there. */
    async timeInStage(options: PipelineReportOptions): Promise<StageDuration[]> {
      const opts = validate(rangeOptions, options, 'report options')
      const pipeline = await pipelineByKey(opts.pipeline)
      return timeInStage(pipeline.definition, await historyOf(pipeline, opts.from, opts.to), now())
    },

    /** Stage-to-stage conversion: of the deals that reached a stage, how many went further. */
    async funnel(options: PipelineReportOptions): Promise<FunnelStep[]> {
      const opts = validate(rangeOptions, options, 'report options')
      const pipeline = await pipelineByKey(opts.pipeline)
      return conversionFunnel(pipeline.definition, await historyOf(pipeline, opts.from, opts.to))
    },

    /**
     * Win rate and sales cycle of deals closed in [from, to]. A deal closed before Rapport created it (one
     * imported straight into a closed stage with an earlier `closedAt`) counts towards won, lost and the win
     * rate, but not the sales cycle: its creation here is not when its sale began, so its cycle is unknown
     * (neither negative nor zero).
     */
    async closedDeals(options: ClosedDealsReportOptions): Promise<ClosedDealStats> {
      const opts = validate(closedOptions, options, 'report options')
      const items: ResolvedFilter[] = [
        { kind: 'compare', field: deal('isClosed'), op: 'eq', value: true },
        { kind: 'between', field: deal('closedAt'), low: opts.from, high: opts.to },
      ]
      if (opts.pipeline)
        items.push({
          kind: 'compare',
          field: deal('pipelineId'),
          op: 'eq',
          value: pipelineIdOf(opts.pipeline),
        })
      const rows = await findAll(deps.adapter.reader, dealEntity, tenantId, { kind: 'and', items }, now())
      const facts = rows.map((r) => ({ createdAt: r.createdAt, closedAt: r.closedAt!, isWon: r.isWon }))
      const stats = closedDealStats(facts)
      const measurable = closedDealStats(facts.filter((d) => d.closedAt >= d.createdAt))
      return {
        ...stats,
        averageSalesCycleDays: measurable.averageSalesCycleDays,
        medianSalesCycleDays: measurable.medianSalesCycleDays,
      }
    },

    /**
     * Open deals that rot: `rotDays` (of their stage) after their last activity or update in the stage.
     * Activities count once they happened (occurredAt ≤ now).
     */
    async rotting(options: { pipeline: string }): Promise<RottingDeal[]> {
      const opts = validate(z.object({ pipeline: pipelineKey }).strict(), options, 'report options')
      const pipeline = await pipelineByKey(opts.pipeline)
      const rotStages = pipeline.definition.stages
        .filter((s) => !s.isClosed && s.rotDays !== undefined)
        .map((s) => s.key)
      if (rotStages.length === 0) return []
      const at = now()
      const candidates = await findAll(
        deps.adapter.reader,
        dealEntity,
        tenantId,
        {
          kind: 'and',
          items: [
            { kind: 'compare', field: deal('pipelineId'), op: 'eq', value: pipeline.record.id },
            { kind: 'member', field: deal('stageKey'), negate: false, values: rotStages },
            { kind: 'compare', field: deal('isClosed'), op: 'eq', value: false },
            { kind: 'present', field: deal('archivedAt'), negate: true },
          ],
        },
        at,
      )
      const link = (name: string) => deps.catalogs.activityLink.fields.get(name)!
      const lastActivity = new Map<string, string>()
      for (const ids of chunks(candidates.map((d) => d.id))) {
        const rows = await deps.adapter.reader.aggregate(activityLinkEntity, tenantId, {
          filter: {
            kind: 'and',
            items: [
              { kind: 'compare', field: link('targetType'), op: 'eq', value: 'deal' },
              { kind: 'member', field: link('targetId'), negate: false, values: ids },
              { kind: 'compare', field: link('occurredAt'), op: 'lte', value: at },
            ],
          },
          groupBy: [{ field: link('targetId') }],
          measures: [{ name: 'last', fn: 'max', field: link('occurredAt') }],
          now: at,
        })
        for (const row of rows) lastActivity.set(String(row.keys[0]), String(row.values.last))
      }
      return rottingDeals(pipeline.definition, candidates, lastActivity, at)
    },
  }
}
