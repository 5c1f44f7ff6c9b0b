/**
 * `@rapport/core`: an embeddable CRM engine. Create a CRM over a storage adapter with {@link createCrm},
 * then work with one tenant at a time through `crm.tenant(id)`.
 *
 * This entry is the app's API. The adapter author's contract (the storage port, rows, entity descriptions,
 * resolved filters) is `@rapport/core/storage`; the shared kysely store is `@rapport/core/sql`.
 *
 * @packageDocumentation
 */

// Each section below starts with a comment and a blank line: that keeps biome's import sorting inside the
// section, so the sections stay in this order.

// Creating a CRM

export {
  type Crm,
  type CrmConfig,
  createCrm,
  type PipelinesConfig,
  type RetryConfig,
  type SlaConfig,
  type TypedTenantCrm,
} from './api/create-crm'
export type {
  CustomFieldSchema,
  CustomFieldSchemas,
  CustomInput,
  CustomOutput,
} from './runtime/custom-field-types'

// The tenant API and what every record API shares

export type { EnsureIndexInput, IndexesApi } from './api/indexes-api'
export { inputSchemas } from './api/input-schemas'
export type { TenantCrm } from './api/tenant-api'
export type { NoCustomFields, Page } from './entities/records'
export type {
  ArchivableListOptions,
  ListOptions,
  SortInput,
  UncheckedListOptions,
} from './runtime/list-query'
export type {
  ArchivableApi,
  CountOptions,
  RecordApi,
  UpdateOptions,
  VersionOption,
} from './runtime/record-api'

// Customers: contacts, companies, activities, purchases, consent, lifecycle, leads

export type { ActivityCreateInput, ActivityUpdateInput } from './customers/activity-input'
export type {
  ActivitiesApi,
  CompaniesApi,
  ContactFilter,
  ContactFilterFields,
  ContactsApi,
  PurchasesApi,
} from './customers/api'
export type { CompanyCreateInput, CompanyUpdateInput } from './customers/company-input'
export type {
  CompanyContact,
  ContactCompany,
  LinkCompanyInput,
  UpdateCompanyLinkInput,
} from './customers/company-links'
export type { CanContactOptions } from './customers/contact-consent'
export type { ContactDealEntry } from './customers/contact-deals'
export type { ChannelConsentInput, ContactCreateInput, ContactUpdateInput } from './customers/contact-input'
export type { LifecycleAdvanceResult, LifecycleMoveOptions } from './customers/contact-lifecycle'
export type { PurchaseCreateInput, PurchaseUpdateInput } from './customers/purchase-input'
export type { TimelineOptions } from './customers/timeline'
export {
  ACTIVITY_DIRECTIONS,
  ACTIVITY_TARGET_TYPES,
  ACTIVITY_TYPES,
  type ActivityDirection,
  type ActivityTargetType,
  type ActivityType,
} from './domain/activity-types'
export {
  type BestContactTime,
  type ChannelConsent,
  CONSENT_STATUSES,
  CONTACT_BLOCK_REASONS,
  CONTACT_CHANNELS,
  type ConsentByChannel,
  type ConsentStatus,
  type Contactability,
  type ContactabilityFacts,
  type ContactabilityOptions,
  type ContactBlockReason,
  type ContactChannel,
  canContact,
  LEGAL_BASES,
  type LegalBasis,
  leastPermissiveStatus,
  WEEKDAYS,
  type Weekday,
} from './domain/consent'
export {
  decideLifecycleMove,
  LIFECYCLE_STAGES,
  type LifecycleDecision,
  type LifecycleDirection,
  type LifecycleMoveSource,
  type LifecycleStage,
  lifecycleRank,
} from './domain/lifecycle'
export { normalizeEmail, normalizePhone } from './domain/normalize'
export { PARTY_KINDS, type PartyKind } from './domain/party-kind'
export { PURCHASE_STATUSES, type PurchaseLineItem, type PurchaseStatus } from './entities/purchase-entity'
export type {
  Activity,
  Company,
  Contact,
  ContactCompanyLink,
  LifecycleChange,
  Purchase,
} from './entities/records'

// Pipeline: pipelines, deals, stage moves, forecasts, deal reports

export {
  type BrokenHistory,
  closedStageForecastCategory,
  DEAL_STAGE_EVENT_NAMES,
  DEFAULT_SALES_PIPELINE,
  type DealStageEventName,
  type DealStageState,
  effectiveForecastCategory,
  effectiveProbability,
  expectedRevenueMinor,
  FORECAST_CATEGORIES,
  type ForecastCategory,
  findStage,
  type PipelineDefinition,
  type PipelineStage,
  parsePipelineDefinition,
  pipelineDefinitionSchema,
  type ReplayedStage,
  replayHistory,
  type StageGuard,
  type StageGuardInput,
  type StageHistoryEntry,
  type StageTransition,
  TRANSITION_REFUSAL_REASONS,
  type TransitionContext,
  type TransitionEffects,
  type TransitionRefusal,
  type TransitionRefusalReason,
  type TransitionResult,
  type TransitionSuccess,
  transition,
} from './domain/pipeline'
export { type DealStageValues, dealValuesInStage, stageStateOfDeal } from './domain/pipeline/deal-values'
export {
  FORECAST_DIMENSIONS,
  FORECAST_PERIODS,
  type ForecastDeal,
  type ForecastDimension,
  type ForecastPeriod,
  type ForecastRow,
  forecastRowKeys,
  periodOf,
  sortForecastRows,
  weightedForecast,
} from './domain/pipeline/forecast'
export {
  type ClosedDealFacts,
  type ClosedDealStats,
  closedDealStats,
  conversionFunnel,
  type FunnelStep,
  type HistoryRow,
  type RotCandidate,
  type RottingDeal,
  rottingDeals,
  type StageDuration,
  timeInStage,
} from './domain/pipeline/pipeline-reports'
export type { Deal, DealContact, DealStageChange, Pipeline } from './entities/records'
export type { DealReportsApi, DealsApi, LeadsApi, PipelinesApi } from './pipeline/api'
export type { DealContactEntry } from './pipeline/deal-contacts'
export type { ForecastOptions } from './pipeline/deal-forecast'
export type {
  DealCloseOptions,
  DealContactInput,
  DealCreateInput,
  DealMoveOptions,
  DealUpdateInput,
} from './pipeline/deal-input'
export type { ClosedDealsReportOptions, PipelineReportOptions } from './pipeline/deal-reports'
export type { LeadConversionInput, LeadConversionResult } from './pipeline/lead-conversion'
export type { PipelineInput, PipelineUpdateOptions } from './pipeline/pipeline-input'
export type { DealGuard } from './runtime/service-context'

// Segments: saved filters, audiences, RFM scores

export {
  ntile,
  RFM_GROUPS,
  type RfmFigures,
  type RfmGroup,
  type RfmScored,
  scoreRfm,
} from './domain/segments/rfm'
export type { RfmScore, Segment } from './entities/records'
export {
  SEGMENT_ENTITIES,
  SEGMENT_TYPES,
  type SegmentEntityName,
  type SegmentType,
} from './entities/segment-entity'
export type { RfmApi, SegmentsApi } from './segments/api'
export type { RfmComputeOptions } from './segments/rfm'
export type { Audience, AudienceOptions } from './segments/segment-audience'
export type { SegmentCreateInput, SegmentUpdateInput } from './segments/segment-input'
export type { SegmentDiff, StreamOptions } from './segments/segments'

// Cases and SLAs: cases, messages, business calendars, SLA policies and clocks

export type {
  BusinessCalendarsApi,
  CasesApi,
  SlaApi,
  SlaPoliciesApi,
  SlaReportsApi,
} from './cases/api'
export type {
  CaseCreateInput,
  CaseMessageInput,
  CaseStatusOptions,
  CaseUpdateInput,
} from './cases/case-input'
export type {
  DissatisfactionReason,
  DissatisfiedCase,
  DissatisfiedOptions,
} from './cases/dissatisfied-customers'
export type { SimilarCasesOptions } from './cases/similar-cases'
export type { BusinessCalendarInput } from './cases/sla/sla-calendars'
export type { ComplianceOptions } from './cases/sla/sla-reports'
export type { SweepOptions, SweepReport } from './cases/sla/sla-sweep'
export {
  CASE_AUTHOR_KINDS,
  CASE_CHANNELS,
  CASE_MESSAGE_VISIBILITIES,
  CASE_PRIORITIES,
  CASE_STATUS_TRANSITIONS,
  CASE_STATUSES,
  type CaseAttributes,
  type CaseAuthorKind,
  type CaseChannel,
  type CaseMessageVisibility,
  type CasePriority,
  type CaseStatus,
  type CaseStatusMove,
  COMPLAINT_CATEGORY,
  caseStatusMove,
  FINISHED_CASE_STATUSES,
  isUnfinishedStatus,
  MAX_SEARCH_TERMS,
  rankSimilarCases,
  SIMILARITY_WEIGHTS,
  type SimilarCase,
  searchTermsOf,
  type TextHit,
} from './domain/cases'
export {
  addBusinessTime,
  advanceClock,
  type BusinessCalendar,
  type BusinessCalendarDefinition,
  type BusinessHoursInterval,
  businessCalendarDefinitionSchema,
  businessTimeBetween,
  type ClockEvent,
  type ClockSignal,
  type ClockStart,
  type ClockStep,
  type ClockTarget,
  COMPLIANCE_DIMENSIONS,
  COMPLIANCE_PERIODS,
  type ComplianceClock,
  type ComplianceDimension,
  type CompliancePeriod,
  type ComplianceRow,
  createBusinessCalendar,
  DEFAULT_WARNING_SHARE,
  type EscalationLevel,
  elapsedMinutesAt,
  type HistoricPauses,
  isBusinessTarget,
  isBusinessTime,
  isStopped,
  MAX_SLA_MINUTES,
  nextBusinessStart,
  type PauseInterval,
  pausesFromHistory,
  percentile,
  SLA_CLOCK_STATUSES,
  SLA_METRICS,
  type SlaClockState,
  type SlaClockStatus,
  type SlaMetric,
  type SlaMetricTargets,
  type SlaPolicyDefinition,
  type SlaPolicyInput,
  type SlaTarget,
  type SlaTargetsByPriority,
  type StatusChange,
  type SweepErrorHandler,
  type SweepProblem,
  slaCompliance,
  slaPolicyDefinitionSchema,
  startClock,
  type WeeklyBusinessHours,
} from './domain/sla'
export type {
  BusinessCalendarRecord,
  Case,
  CaseMessage,
  SlaClock,
  SlaPolicy,
} from './entities/records'

// Campaigns: campaigns, members, touches, costs, attribution and ROI

export type { CampaignsApi } from './campaigns/api'
export type { ForeignCurrencyCredit } from './campaigns/campaign-attribution'
export type {
  CampaignCostInput,
  CampaignCreateInput,
  CampaignReportInput,
  CampaignTouchRecordInput,
  CampaignUpdateInput,
} from './campaigns/campaign-input'
export type { CampaignLaunch, LaunchOptions } from './campaigns/campaign-launch'
export type { CampaignMembersOptions } from './campaigns/campaign-members'
export type { CampaignComparison, CampaignReport, CampaignReportRow } from './campaigns/campaign-report'
export type { TouchesRecorded } from './campaigns/campaign-touches'
export {
  ATTRIBUTION_MODELS,
  type AttributionCredit,
  type AttributionModel,
  type AttributionOptions,
  addCampaignTotals,
  allocateByLargestRemainder,
  attributeDeal,
  attributionModelSchema,
  attributionOptionsSchema,
  CAMPAIGN_EVENT_KINDS,
  CAMPAIGN_STATUSES,
  type CampaignEventKind,
  type CampaignMetrics,
  type CampaignRollup,
  type CampaignStatus,
  type CampaignTotals,
  type CampaignTouchInput,
  campaignMetrics,
  campaignTotalsSchema,
  campaignTouchSchema,
  DEFAULT_HALF_LIFE_DAYS,
  DEFAULT_MEMBER_STATUSES,
  type DealAttribution,
  EMPTY_CAMPAIGN_TOTALS,
  type HierarchyCampaignInput,
  hierarchyCampaignSchema,
  MAX_CAMPAIGN_LEVELS,
  type MemberStatus,
  memberStatusesSchema,
  memberStatusSchema,
  rollUpCampaignHierarchy,
  TOUCH_KINDS,
  type TouchAttributionModel,
  type TouchKind,
  type WonDealInput,
  wonDealSchema,
} from './domain/campaigns'
export type { CampaignMessage } from './entities/campaign-entity'
export type { Campaign, CampaignCost, CampaignMember, CampaignTouch } from './entities/records'

// Filters: the JSON language of segments, list queries, SLA conditions, audiences and stage requirements

export { FILTER_LIMITS } from './filter/filter-limits'
export type {
  AggregateOperator,
  Filter,
  FilterCondition,
  FilterScalar,
  RelatedAggregate,
  RelatedCondition,
  SegmentCondition,
  SingleValueOperator,
} from './filter/filter-types'
export { FILTER_OPERATORS, type FilterOperator } from './filter/operators'
export type {
  FilterFieldsOf,
  PrefixedFields,
  TypedFilter,
  TypedFilterCondition,
  TypedRelatedCondition,
  UntypedFields,
} from './filter/typed-filter'
export {
  type RecordFilter,
  type UncheckedFilter,
  type UncheckedSort,
  uncheckedFilter,
  uncheckedSort,
} from './filter/unchecked-filter'

// Events: what happened, delivered in-process after commit

export type { ListenerErrorHandler, RapportEvents } from './events/event-bus'
export {
  type EventMeta,
  RAPPORT_EVENT_NAMES,
  type RapportEventMap,
  type RapportEventName,
} from './events/event-map'

// Errors: one base class with a stable code

export {
  BusyError,
  ConfigError,
  ConflictError,
  InvalidStateError,
  isRapportError,
  MigrationError,
  NotFoundError,
  RAPPORT_ERROR_CODES,
  RapportError,
  type RapportErrorCode,
  type RapportErrorOptions,
  RETRYABLE_ERROR_CODES,
  StorageError,
  TimeoutError,
  TransitionRefusedError,
  ValidationError,
  type ValidationIssue,
} from './errors/rapport-error'

// Clocks, ids, money and timestamps

export { type Clock, systemClock } from './kernel/clock'
export {
  ID_PREFIXES,
  type IdGenerator,
  type IdKind,
  monotonicIdGenerator,
  nanoidGenerator,
  sequentialIdGenerator,
} from './kernel/ids'
export { currencySchema, type Money, moneySchema } from './kernel/money'
export {
  DAY_MS,
  type IsoTimestamp,
  type TimestampInput,
  timestampInput,
  toIsoTimestamp,
} from './kernel/timestamps'
