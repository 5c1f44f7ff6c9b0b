/**
 * `@rapport/core`: an embeddable CRM engine. Create a CRM over a storage adapter with {@link createCrm},
 * then work with one tenant at a time through `crm.tenant(id)`.
 *
 * @packageDocumentation
 */

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
export type { SweepErrorHandler, SweepOptions, SweepProblem, SweepReport } from './cases/sla/sla-sweep'
export type { ActivityCreateInput, ActivityUpdateInput } from './customers/activity-input'
export type { CompanyCreateInput, CompanyUpdateInput } from './customers/company-input'
export type {
  CompanyContact,
  ContactCompany,
  LinkCompanyInput,
  UpdateCompanyLinkInput,
} from './customers/company-links'
export type { CanContactOptions } from './customers/contact-consent'
export type { ChannelConsentInput, ContactCreateInput, ContactUpdateInput } from './customers/contact-input'
export type { LifecycleAdvanceResult, LifecycleMoveOptions } from './customers/contact-lifecycle'
export type { LeadConversionInput, LeadConversionResult } from './customers/lead-conversion'
export type { PurchaseCreateInput, PurchaseUpdateInput } from './customers/purchase-input'
export type { TimelineOptions } from './customers/timeline'
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
} from './entities/records'
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
export type { ContactDealEntry, DealContactEntry } from './pipeline/deal-contacts'
export type { ForecastOptions } from './pipeline/deal-forecast'
export type {
  DealCloseOptions,
  DealContactInput,
  DealCreateInput,
  DealMoveOptions,
  DealUpdateInput,
} from './pipeline/deal-input'
export type { ClosedDealsReportOptions, PipelineReportOptions } from './pipeline/deal-reports'
export type { PipelineInput, PipelineUpdateOptions } from './pipeline/pipeline-input'
export type { ArchivableListOptions, ListOptions, SortInput } from './runtime/list-query'
export type { DealGuard } from './runtime/service-context'
export type { RfmComputeOptions } from './segments/rfm'
export type { Audience, AudienceOptions } from './segments/segment-audience'
export type { SegmentCreateInput, SegmentUpdateInput } from './segments/segment-input'
export type { SegmentDiff, StreamOptions } from './segments/segments'
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
