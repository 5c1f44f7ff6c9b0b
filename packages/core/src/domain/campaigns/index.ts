/**
 * Campaign ROI math: attribution of won deals to campaigns, per-campaign metrics, and roll-ups over the
 * campaign hierarchy. Pure functions: inputs in, values out.
 */

export {
  type AttributionCredit,
  attributeDeal,
  type DealAttribution,
} from './attribute-deal'
export {
  type AttributionOptions,
  attributionModelSchema,
  attributionOptionsSchema,
  type CampaignTouchInput,
  campaignTouchSchema,
  type WonDealInput,
  wonDealSchema,
} from './attribution-input'
export {
  ATTRIBUTION_MODELS,
  type AttributionModel,
  DEFAULT_HALF_LIFE_DAYS,
  type TouchAttributionModel,
} from './attribution-models'
export {
  type HierarchyCampaignInput,
  hierarchyCampaignSchema,
  MAX_CAMPAIGN_LEVELS,
} from './campaign-hierarchy'
export { type CampaignMetrics, campaignMetrics } from './campaign-metrics'
export {
  addCampaignTotals,
  type CampaignTotals,
  campaignTotalsSchema,
  EMPTY_CAMPAIGN_TOTALS,
} from './campaign-totals'
export {
  CAMPAIGN_EVENT_KINDS,
  CAMPAIGN_STATUSES,
  type CampaignEventKind,
  type CampaignStatus,
  DEFAULT_MEMBER_STATUSES,
  type MemberStatus,
  memberStatusesSchema,
  memberStatusSchema,
} from './campaign-vocabulary'
export { type CampaignRollup, rollUpCampaignHierarchy } from './hierarchy-rollup'
export { allocateByLargestRemainder } from './largest-remainder'
export { TOUCH_KINDS, type TouchKind } from './touch-kinds'
