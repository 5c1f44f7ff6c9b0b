import { z } from 'zod'
import {
  FORECAST_DIMENSIONS,
  FORECAST_PERIODS,
  type ForecastDimension,
  type ForecastRow,
  sortForecastRows,
} from '../domain/pipeline/forecast'
import type { ForecastCategory } from '../domain/pipeline/forecast-categories'
import { dealEntity } from '../entities/deal-entity'
import { validate } from '../errors/validate'
import type { Filter } from '../filter/filter-types'
import { resolveFilter } from '../filter/resolve-filter'
import { andFilters, type ResolvedFilter } from '../filter/resolved-filter'
import type { ServiceDeps } from '../runtime/service-context'
import type { GroupTerm } from '../storage/storage-port'

const forecastOptions = z
  .object({
    period: z.enum(FORECAST_PERIODS).default('month'),
    groupBy: z.array(z.enum(FORECAST_DIMENSIONS)).max(3).default([]),
    filter: z.unknown().optional(),
  })
  .strict()

/** Options of `deals.forecast`. */
export interface ForecastOptions {
  /** @default 'month' */
  readonly period?: (typeof FORECAST_PERIODS)[number]
  /** Dimensions besides period and currency. @default [] */
  readonly groupBy?: readonly ForecastDimension[]
  /** Narrows the deals (e.g. one pipeline, close dates this year). */
  readonly filter?: Filter
}

const DIMENSION_FIELDS: Record<ForecastDimension, string> = {
  owner: 'ownerId',
  pipeline: 'pipelineId',
  forecastCategory: 'forecastCategory',
}

/** The weighted forecast of one tenant's open deals, aggregated in the database. */
export function dealForecast(deps: ServiceDeps, tenantId: string) {
  const field = (name: string) => deps.catalogs.deal.fields.get(name)!
  return async function forecast(options: ForecastOptions = {}): Promise<ForecastRow[]> {
    const opts = validate(forecastOptions, options, 'forecast options')
    const open: ResolvedFilter = {
      kind: 'and',
      items: [
        { kind: 'compare', field: field('isClosed'), op: 'eq', value: false },
        { kind: 'present', field: field('archivedAt'), negate: true },
      ],
    }
    const filter = andFilters(
      open,
      opts.filter === undefined ? undefined : resolveFilter(opts.filter, deps.catalogs.deal),
    )
    const groupBy: GroupTerm[] = [
      { field: field('closeDate'), bucket: opts.period },
      { field: field('currency') },
      ...opts.groupBy.map((d) => ({ field: field(DIMENSION_FIELDS[d]) })),
    ]
    const rows = await deps.adapter.reader.aggregate(dealEntity, tenantId, {
      filter,
      groupBy,
      measures: [
        { name: 'dealCount', fn: 'count' },
        { name: 'amountMinor', fn: 'sum', field: field('amountMinor') },
        { name: 'weightedAmountMinor', fn: 'sum', field: field('expectedRevenueMinor') },
      ],
      now: deps.clock.now().toISOString(),
    })
    const result = rows.map((row): ForecastRow => {
      const [period, currency, ...dims] = row.keys
      const out: Record<string, unknown> = { period: period ?? null, currency }
      opts.groupBy.forEach((d, i) => {
        out[DIMENSION_FIELDS[d]] = dims[i] ?? null
      })
      return {
        ...(out as { period: string | null; currency: string }),
        ...(out.forecastCategory === undefined
          ? {}
          : { forecastCategory: out.forecastCategory as ForecastCategory }),
        dealCount: Number(row.values.dealCount ?? 0),
        amountMinor: Number(row.values.amountMinor ?? 0),
        weightedAmountMinor: Number(row.values.weightedAmountMinor ?? 0),
      }
    })
    return sortForecastRows(result, opts.groupBy)
  }
}
