import type { Deal, ForecastRow, Pipeline } from '@rapport/core'

/** One column of the board: a stage, its deals and what they add up to. */
export interface BoardColumn {
  readonly stage: string
  readonly label: string
  readonly probability: number
  readonly isClosed: boolean
  readonly dealCount: number
  readonly amountMinor: number
  /** Σ expected revenue (amount × the deal's effective probability), as Rapport stores it per deal. */
  readonly weightedMinor: number
  readonly deals: readonly Pick<Deal, 'id' | 'name' | 'amountMinor' | 'version' | 'stageKey'>[]
}

/** The pipeline as a board, with the weighted forecast of its open deals. */
export interface Board {
  readonly pipeline: string
  readonly label: string
  readonly currency: string
  readonly columns: readonly BoardColumn[]
  readonly forecast: {
    readonly openDeals: number
    readonly openMinor: number
    readonly weightedMinor: number
  }
  readonly forecastByPeriod: readonly ForecastRow[]
}

/** Lays deals out in their pipeline's stage order; deals of stages no longer in the pipeline are dropped. */
export function buildBoard(
  pipeline: Pipeline,
  deals: readonly Deal[],
  forecastRows: readonly ForecastRow[],
): Board {
  const columns = pipeline.stages.map((stage): BoardColumn => {
    const inStage = deals.filter((deal) => deal.stageKey === stage.key)
    return {
      stage: stage.key,
      label: stage.label,
      probability: stage.probability,
      isClosed: stage.isClosed,
      dealCount: inStage.length,
      amountMinor: sum(inStage.map((deal) => deal.amountMinor ?? 0)),
      weightedMinor: sum(inStage.map((deal) => deal.expectedRevenueMinor ?? 0)),
      deals: inStage.map(({ id, name, amountMinor, version, stageKey }) => ({
        id,
        name,
        amountMinor,
        version,
        stageKey,
      })),
    }
  })
  return {
    pipeline: pipeline.key,
    label: pipeline.label,
    currency: pipeline.currency,
    columns,
    forecast: {
      openDeals: sum(forecastRows.map((row) => row.dealCount)),
      openMinor: sum(forecastRows.map((row) => row.amountMinor)),
      weightedMinor: sum(forecastRows.map((row) => row.weightedAmountMinor)),
    },
    forecastByPeriod: forecastRows,
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
