/**
 * `@rapport/core`: an embeddable CRM engine. Create a CRM over a storage adapter with {@link createCrm},
 * then work with one tenant at a time through `crm.tenant(id)`.
 *
 * @packageDocumentation
 */

export type { CampaignsApi } from './api/campaigns-api'
export type {
  BusinessCalendarsApi,
  CasesApi,
  SlaApi,
  SlaPoliciesApi,
  SlaReportsApi,
} from './api/cases-api'
// Public API
export {
  type Crm,
  type CrmConfig,
  type CustomFieldSchema,
  type CustomFieldSchemas,
  type CustomInput,
  type CustomOutput,
  createCrm,
  type PipelinesConfig,
  type RetryConfig,
  type SlaConfig,
  type TypedTenantCrm,
} from './api/create-crm'
export type { EnsureIndexInput, IndexesApi } from './api/indexes-api'
export type {
  ActivitiesApi,
  ArchivableApi,
  CompaniesApi,
  ContactsApi,
  CountOptions,
  DealReportsApi,
  DealsApi,
  LeadsApi,
  PipelinesApi,
  PurchasesApi,
  RecordApi,
  RfmApi,
  SegmentsApi,
  TenantCrm,
  UpdateOptions,
  VersionOption,
} from './api/tenant-api'
// Domain vocabulary and pure rules
export * from './domain/activity-types'
export * from './domain/campaigns'
export * from './domain/cases'
export * from './domain/consent'
export * from './domain/lifecycle'
export { normalizeEmail, normalizePhone } from './domain/normalize'
export * from './domain/party-kind'
export * from './domain/pipeline'
export { type DealStageValues, dealValuesInStage, stageStateOfDeal } from './domain/pipeline/deal-values'
export * from './domain/pipeline/forecast'
export * from './domain/pipeline/pipeline-reports'
export * from './domain/segments/rfm'
export * from './domain/sla'
// Entities (for adapters and tooling)
export * from './entities'
export { type CustomFieldDescriptor, describeCustomFields } from './entities/custom-field-schema'
// Errors
export * from './errors/rapport-error'
export type { ListenerErrorHandler, PendingEvent, RapportEvents } from './events/event-bus'
// Events
export {
  type EventMeta,
  RAPPORT_EVENT_NAMES,
  type RapportEventMap,
  type RapportEventName,
} from './events/event-map'
// Filter language
export {
  type CompiledPredicate,
  compilePredicate,
  type FilterableRecord,
  type PredicateContext,
  type RecordPredicate,
} from './filter/compile-predicate'
export {
  buildFieldCatalog,
  type FieldCatalog,
  type FilterField,
  linkCatalogs,
  type RelationRef,
} from './filter/field-catalog'
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
export { FILTER_OPERATORS, type FilterOperator, OPERATORS_BY_KIND } from './filter/operators'
export { readFieldValue } from './filter/read-field'
export { relatedCatalog } from './filter/related-catalog'
export { FILTER_LIMITS, resolveFilter, type SegmentLookup } from './filter/resolve-filter'
export {
  andFilters,
  MATCH_ALL,
  type ResolvedCondition,
  type ResolvedFilter,
  type ResolvedRelated,
  type ResolvedScalar,
  type ResolvedSegment,
} from './filter/resolved-filter'
export { inputSchemas } from './inputs'
export type { ActivityCreateInput, ActivityUpdateInput } from './inputs/activity-input'
export type {
  CampaignCostInput,
  CampaignCreateInput,
  CampaignReportInput,
  CampaignTouchRecordInput,
  CampaignUpdateInput,
} from './inputs/campaign-input'
export type {
  CaseCreateInput,
  CaseMessageInput,
  CaseStatusOptions,
  CaseUpdateInput,
} from './inputs/case-input'
export type { CompanyCreateInput, CompanyUpdateInput } from './inputs/company-input'
export type { ChannelConsentInput, ContactCreateInput, ContactUpdateInput } from './inputs/contact-input'
export type {
  DealCloseOptions,
  DealContactInput,
  DealCreateInput,
  DealMoveOptions,
  DealUpdateInput,
} from './inputs/deal-input'
export type { PipelineInput, PipelineUpdateOptions } from './inputs/pipeline-input'
export type { PurchaseCreateInput, PurchaseUpdateInput } from './inputs/purchase-input'
export type { SegmentCreateInput, SegmentUpdateInput } from './inputs/segment-input'
// Kernel
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
export { asciiLower, compareCodePoints } from './kernel/text'
export {
  DAY_MS,
  type IsoTimestamp,
  type TimestampInput,
  timestampInput,
  toIsoTimestamp,
} from './kernel/timestamps'
// Records and inputs
export type {
  Activity,
  BusinessCalendarRecord,
  Campaign,
  CampaignCost,
  CampaignMember,
  CampaignTouch,
  Case,
  CaseMessage,
  Company,
  Contact,
  ContactCompanyLink,
  Deal,
  DealContact,
  DealStageChange,
  LifecycleChange,
  NoCustomFields,
  Page,
  Pipeline,
  Purchase,
  RfmScore,
  Segment,
  SlaClock,
  SlaPolicy,
} from './records/records'
export type { ForeignCurrencyCredit } from './services/campaign-attribution'
export type { CampaignLaunch, LaunchOptions } from './services/campaign-launch'
export type { CampaignMembersOptions } from './services/campaign-members'
export type { CampaignComparison, CampaignReport, CampaignReportRow } from './services/campaign-report'
export type { TouchesRecorded } from './services/campaign-touches'
export type {
  CompanyContact,
  ContactCompany,
  LinkCompanyInput,
  UpdateCompanyLinkInput,
} from './services/company-links'
export type { CanContactOptions } from './services/contact-consent'
export type { LifecycleAdvanceResult, LifecycleMoveOptions } from './services/contact-lifecycle'
export type { ContactDealEntry, DealContactEntry } from './services/deal-contacts'
export type { ForecastOptions } from './services/deal-forecast'
export type { ClosedDealsReportOptions, PipelineReportOptions } from './services/deal-reports'
export type {
  DissatisfactionReason,
  DissatisfiedCase,
  DissatisfiedOptions,
} from './services/dissatisfied-customers'
export type { LeadConversionInput, LeadConversionResult } from './services/lead-conversion'
export type { ArchivableListOptions, ListOptions, SortInput } from './services/list-query'
export type { RfmComputeOptions } from './services/rfm'
export type { Audience, AudienceOptions } from './services/segment-audience'
export type { SegmentDiff, StreamOptions } from './services/segments'
export type { DealGuard } from './services/service-context'
export type { SimilarCasesOptions } from './services/similar-cases'
export type { BusinessCalendarInput } from './services/sla-calendars'
export type { ComplianceOptions } from './services/sla-reports'
export type { SweepErrorHandler, SweepOptions, SweepProblem, SweepReport } from './services/sla-sweep'
export type { TimelineOptions } from './services/timeline'
// Storage port
export type {
  AggregateQuery,
  AggregateRow,
  FindQuery,
  GroupTerm,
  IndexRequest,
  MeasureTerm,
  MigrationReport,
  OutboxRow,
  RankTerm,
  SortKey,
  StorageCapabilities,
  StoragePort,
  StorageReader,
  StorageTransaction,
  StoredRow,
  TextSearchHit,
  TextSearchQuery,
  TimeBucket,
  VersionedUpdate,
} from './storage/storage-port'
