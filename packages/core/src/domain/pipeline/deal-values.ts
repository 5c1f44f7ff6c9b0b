import type { DealStageState } from './deal-stage-state'
import { effectiveForecastCategory, effectiveProbability } from './deal-stage-state'
import { expectedRevenueMinor } from './expected-revenue'
import type { ForecastCategory } from './forecast-categories'
import type { PipelineStage } from './pipeline-definition'

/** The values a deal stores from its stage and its overrides, so forecasts can sum them in SQL. */
export type DealStageValues = {
  readonly probability: number
  readonly probabilityOverridden: boolean
  readonly forecastCategory: ForecastCategory
  readonly forecastCategoryOverridden: boolean
  readonly expectedRevenueMinor: number | null
}

/**
 * The effective probability, forecast category and expected revenue of a deal in a stage.
 *
 * @example
 * ```ts
 * dealValuesInStage(proposal, { ...state, amountMinor: 10_000, probabilityOverride: null })
 * // { probability: 0.5, expectedRevenueMinor: 5000, ... }
 * ```
 */
export function dealValuesInStage(stage: PipelineStage, state: DealStageState): DealStageValues {
  const probability = effectiveProbability(stage, state)
  return {
    probability,
    probabilityOverridden: state.probabilityOverride !== null,
    forecastCategory: effectiveForecastCategory(stage, state),
    forecastCategoryOverridden: state.forecastCategoryOverride !== null,
    expectedRevenueMinor: expectedRevenueMinor(state.amountMinor, probability),
  }
}

/** A stored deal's stage state, in the shape the pure transition reads. */
export function stageStateOfDeal(deal: {
  readonly stageKey: string
  readonly probability: number
  readonly probabilityOverridden: boolean
  readonly forecastCategory: ForecastCategory
  readonly forecastCategoryOverridden: boolean
  readonly amountMinor: number | null
  readonly closedAt: string | null
  readonly isClosed: boolean
  readonly isWon: boolean
}): DealStageState {
  return {
    stageKey: deal.stageKey,
    probabilityOverride: deal.probabilityOverridden ? deal.probability : null,
    forecastCategoryOverride: deal.forecastCategoryOverridden ? deal.forecastCategory : null,
    amountMinor: deal.amountMinor,
    closedAt: deal.closedAt,
    isClosed: deal.isClosed,
    isWon: deal.isWon,
  }
}
