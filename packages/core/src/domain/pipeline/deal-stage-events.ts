/**
 * Events a stage move asks the service to emit. `deal.stageChanged` comes with every move; `deal.won` and
 * `deal.lost` when the deal's outcome becomes won or lost; `deal.reopened` when a closed deal becomes open.
 */
export const DEAL_STAGE_EVENT_NAMES = ['deal.stageChanged', 'deal.won', 'deal.lost', 'deal.reopened'] as const

/** One of {@link DEAL_STAGE_EVENT_NAMES}. */
export type DealStageEventName = (typeof DEAL_STAGE_EVENT_NAMES)[number]
