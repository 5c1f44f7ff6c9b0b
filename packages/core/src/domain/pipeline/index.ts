// The pipeline machine: pipelines as validated data and a pure transition function over a deal's stage
// state. No I/O, no clock: the caller passes `now` and evaluates stage requirements.

export { DEAL_STAGE_EVENT_NAMES, type DealStageEventName } from './deal-stage-events'
export { type DealStageState, effectiveForecastCategory, effectiveProbability } from './deal-stage-state'
export { DEFAULT_SALES_PIPELINE } from './default-sales-pipeline'
export { expectedRevenueMinor } from './expected-revenue'
export {
  closedStageForecastCategory,
  FORECAST_CATEGORIES,
  type ForecastCategory,
} from './forecast-categories'
export {
  findStage,
  type PipelineDefinition,
  type PipelineStage,
  parsePipelineDefinition,
  pipelineDefinitionSchema,
  type StageTransition,
} from './pipeline-definition'
export { type BrokenHistory, type ReplayedStage, replayHistory } from './replay-history'
export type { StageHistoryEntry } from './stage-history'
export {
  type TransitionEffects,
  type TransitionResult,
  type TransitionSuccess,
  transition,
} from './transition'
export type { StageGuard, StageGuardInput, TransitionContext } from './transition-context'
export {
  TRANSITION_REFUSAL_REASONS,
  type TransitionRefusal,
  type TransitionRefusalReason,
} from './transition-refusal'
