import type { CampaignsApi } from '../campaigns/api'
import type { CasesApi, SlaApi } from '../cases/api'
import type { ActivityCreateInput, ActivityUpdateInput } from '../customers/activity-input'
import type { CompanyCreateInput, CompanyUpdateInput } from '../customers/company-input'
import type {
  CompanyContact,
  ContactCompany,
  LinkCompanyInput,
  UpdateCompanyLinkInput,
} from '../customers/company-links'
import type { CanContactOptions } from '../customers/contact-consent'
import type { ChannelConsentInput, ContactCreateInput, ContactUpdateInput } from '../customers/contact-input'
import type { LifecycleAdvanceResult, LifecycleMoveOptions } from '../customers/contact-lifecycle'
import type { LeadConversionInput, LeadConversionResult } from '../customers/lead-conversion'
import type { PurchaseCreateInput, PurchaseUpdateInput } from '../customers/purchase-input'
import type { TimelineOptions } from '../customers/timeline'
import type { Contactability, ContactChannel } from '../domain/consent'
import type { LifecycleStage } from '../domain/lifecycle'
import type { ForecastRow } from '../domain/pipeline/forecast'
import type {
  ClosedDealStats,
  FunnelStep,
  RottingDeal,
  StageDuration,
} from '../domain/pipeline/pipeline-reports'
import type {
  Activity,
  Company,
  Contact,
  ContactCompanyLink,
  Deal,
  DealContact,
  DealStageChange,
  LifecycleChange,
  Page,
  Pipeline,
  Purchase,
  RfmScore,
  Segment,
} from '../entities/records'
import type { PredicateContext } from '../filter/compile-predicate'
import type { Filter } from '../filter/filter-types'
import type { ContactDealEntry, DealContactEntry } from '../pipeline/deal-contacts'
import type { ForecastOptions } from '../pipeline/deal-forecast'
import type {
  DealCloseOptions,
  DealContactInput,
  DealCreateInput,
  DealMoveOptions,
  DealUpdateInput,
} from '../pipeline/deal-input'
import type { ClosedDealsReportOptions, PipelineReportOptions } from '../pipeline/deal-reports'
import type { PipelineInput, PipelineUpdateOptions } from '../pipeline/pipeline-input'
import type { ArchivableListOptions, ListOptions } from '../runtime/list-query'
import type { RfmComputeOptions } from '../segments/rfm'
import type { Audience, AudienceOptions } from '../segments/segment-audience'
import type { SegmentCreateInput, SegmentUpdateInput } from '../segments/segment-input'
import type { SegmentDiff, StreamOptions } from '../segments/segments'

/** Options of commands that may name the version the caller read (a mismatch is a conflict). */
export interface VersionOption {
  readonly expectedVersion?: number
}

/** Options of `update`: naming the version read is required. */
export interface UpdateOptions {
  /** The `version` of the record as the caller read it; a different stored version is a ConflictError. */
  readonly expectedVersion: number
}

/** Options of `count`. */
export interface CountOptions {
  readonly filter?: Filter
  /** @default false */
  readonly includeArchived?: boolean
}

/** Commands and queries every stored record type has. */
export interface RecordApi<R, CreateInput, UpdateInput, List> {
  /** Creates one record. @throws ValidationError (nothing written). */
  create(input: CreateInput): Promise<R>
  /**
   * Creates many records in one transaction: all or none. Every input is validated first; a ValidationError
   * lists the problems by index. Emits one `*.createdMany` event, not one event per record.
   */
  createMany(inputs: readonly CreateInput[]): Promise<R[]>
  /** @throws NotFoundError */
  get(id: string): Promise<R>
  /** The record, or null when it does not exist. */
  tryGet(id: string): Promise<R | null>
  /**
   * Changes some fields. Custom fields merge key by key and are validated as a whole.
   * @throws ConflictError when the stored version is not `expectedVersion`.
   */
  update(id: string, patch: UpdateInput, options: UpdateOptions): Promise<R>
  /** A page of records matching a filter, sorted, after a cursor. */
  list(options?: List): Promise<Page<R>>
  /** How many records match a filter. */
  count(options?: CountOptions): Promise<number>
  /**
   * Does a record match a filter now? The in-memory twin of `list`'s SQL. A filter over related records
   * (`{ related: 'purchases', ... }`, `rfm.*` fields) reads them from `context.related`.
   */
  matches(record: R, filter: Filter, context?: PredicateContext): boolean
  /** Validates and compiles a filter once, for testing many records. Relative dates use the time of this call. */
  compileFilter(filter: Filter): (record: R, context?: PredicateContext) => boolean
}

/** Archive and restore, for records that are archived rather than deleted. */
export interface ArchivableApi<R> {
  /** Archives (idempotent). Archived records are left out of lists and cannot be updated. */
  archive(id: string, options?: VersionOption): Promise<R>
  /** Restores an archived record (idempotent). */
  restore(id: string, options?: VersionOption): Promise<R>
}

/** Contacts of one tenant. `CC` / `CCIn` are the output / input types of the contact custom fields. */
export interface ContactsApi<CC, CCIn, CO, CD = unknown>
  extends RecordApi<Contact<CC>, ContactCreateInput<CCIn>, ContactUpdateInput<CCIn>, ArchivableListOptions>,
    ArchivableApi<Contact<CC>> {
  /** Automatic lifecycle move: only forward; returns `moved: false` otherwise. */
  advanceLifecycle(
    id: string,
    stage: LifecycleStage,
    options?: LifecycleMoveOptions,
  ): Promise<LifecycleAdvanceResult<Contact<CC>>>
  /** Explicit lifecycle move, forward or backward, recorded with actor and reason. */
  setLifecycleStage(id: string, stage: LifecycleStage, options?: LifecycleMoveOptions): Promise<Contact<CC>>
  /** Recorded lifecycle moves, oldest first. */
  lifecycleHistory(id: string): Promise<LifecycleChange[]>
  /** Records consent on one channel. */
  setConsent(
    id: string,
    channel: ContactChannel,
    consent: ChannelConsentInput,
    options?: VersionOption,
  ): Promise<Contact<CC>>
  /** May the contact be reached on the channel? The least permissive status among records sharing the address wins. */
  canContact(id: string, channel: ContactChannel, options?: CanContactOptions): Promise<Contactability>
  /** Links the contact to a company with a role. */
  linkCompany(contactId: string, companyId: string, options?: LinkCompanyInput): Promise<ContactCompanyLink>
  /** Changes a link's role or primary flag. */
  updateCompanyLink(
    contactId: string,
    companyId: string,
    options: UpdateCompanyLinkInput,
  ): Promise<ContactCompanyLink>
  /** Removes a link. */
  unlinkCompany(contactId: string, companyId: string): Promise<void>
  /** The contact's companies, primary first. */
  companies(contactId: string): Promise<ContactCompany<CO>[]>
  /** The contact's activities, newest first. */
  timeline(contactId: string, options?: TimelineOptions): Promise<Page<Activity<unknown>>>
  /** The deals the contact takes part in, with its role, newest first. */
  deals(contactId: string): Promise<ContactDealEntry<CD>[]>
}

/** Companies of one tenant. */
export interface CompaniesApi<CO, COIn, CC>
  extends RecordApi<Company<CO>, CompanyCreateInput<COIn>, CompanyUpdateInput<COIn>, ArchivableListOptions>,
    ArchivableApi<Company<CO>> {
  /** The company's contacts, in the order they were linked. */
  contacts(
    companyId: string,
    options?: { limit?: number; cursor?: string | null },
  ): Promise<Page<CompanyContact<CC>>>
  /** The company's activities (linked directly, or through a contact whose primary company it is), newest first. */
  timeline(companyId: string, options?: TimelineOptions): Promise<Page<Activity<unknown>>>
}

/** Activities (notes, calls, emails, meetings, tasks) of one tenant. */
export interface ActivitiesApi<CA, CAIn>
  extends RecordApi<Activity<CA>, ActivityCreateInput<CAIn>, ActivityUpdateInput<CAIn>, ListOptions> {
  /** Marks a task done (idempotent). */
  complete(id: string, options?: VersionOption): Promise<Activity<CA>>
  /** Marks a done task open again (idempotent). */
  reopen(id: string, options?: VersionOption): Promise<Activity<CA>>
}

/** Everything Rapport does for one tenant. Nothing here can read or change another tenant's rows. */
export interface TenantCrm<
  CC = unknown,
  CCIn = unknown,
  CO = unknown,
  COIn = unknown,
  CA = unknown,
  CAIn = unknown,
  CD = unknown,
  CDIn = unknown,
  CS = unknown,
  CSIn = unknown,
> {
  readonly tenantId: string
  readonly contacts: ContactsApi<CC, CCIn, CO, CD>
  readonly companies: CompaniesApi<CO, COIn, CC>
  readonly activities: ActivitiesApi<CA, CAIn>
  readonly pipelines: PipelinesApi
  readonly deals: DealsApi<CD, CDIn, CC>
  readonly leads: LeadsApi<CC, CO, CD>
  readonly purchases: PurchasesApi
  readonly segments: SegmentsApi
  readonly rfm: RfmApi
  readonly cases: CasesApi<CS, CSIn, CC>
  readonly sla: SlaApi
  /** Campaigns: plan, launch to a segment's contactable members, record touches and costs, measure ROI. */
  readonly campaigns: CampaignsApi
}

/** Pipelines of one tenant: stored, editable data, seeded from `createCrm({ pipelines: { defaults } })`. */
export interface PipelinesApi {
  /** Every pipeline, archived ones too, by position. */
  list(): Promise<Pipeline[]>
  /** @throws NotFoundError */
  get(key: string): Promise<Pipeline>
  /** @throws ConflictError when the key is taken; ValidationError for a bad definition. */
  create(input: PipelineInput): Promise<Pipeline>
  /**
   * Replaces the definition without orphaning deals: removing a stage that has deals needs
   * `moveDeals: { removed: target }`; a stage with deals cannot switch between open, won and lost.
   */
  update(key: string, input: PipelineInput, options?: PipelineUpdateOptions): Promise<Pipeline>
  /** Archives: no new deals; existing deals stay and can move. */
  archive(key: string, options?: VersionOption): Promise<Pipeline>
}

/** Pipeline reports of one tenant. */
export interface DealReportsApi {
  timeInStage(options: PipelineReportOptions): Promise<StageDuration[]>
  funnel(options: PipelineReportOptions): Promise<FunnelStep[]>
  closedDeals(options: ClosedDealsReportOptions): Promise<ClosedDealStats>
  rotting(options: { pipeline: string }): Promise<RottingDeal[]>
}

/** Deals of one tenant. `CD` / `CDIn` are the output / input types of the deal custom fields. */
export interface DealsApi<CD, CDIn, CC>
  extends RecordApi<Deal<CD>, DealCreateInput<CDIn>, DealUpdateInput<CDIn>, ArchivableListOptions>,
    ArchivableApi<Deal<CD>> {
  /** Moves a deal to another stage by its pipeline's rules. @throws TransitionRefusedError */
  move(id: string, stage: string, options?: DealMoveOptions): Promise<Deal<CD>>
  /** Closes a deal as won (into `options.stage` or the first won stage); its contacts become customers. */
  markWon(id: string, options?: DealCloseOptions): Promise<Deal<CD>>
  /** Closes a deal as lost (into `options.stage` or the first lost stage). */
  markLost(id: string, options?: DealCloseOptions): Promise<Deal<CD>>
  /** Takes a closed deal back into a stage. */
  reopen(id: string, stage: string, options?: DealMoveOptions): Promise<Deal<CD>>
  /** The deal's stage history, oldest first, starting with its creation. */
  history(id: string): Promise<DealStageChange[]>
  /** Adds a contact with a role. */
  addContact(
    dealId: string,
    contactId: string,
    options?: Omit<DealContactInput, 'contactId'>,
  ): Promise<DealContact>
  /** Removes a contact. */
  removeContact(dealId: string, contactId: string): Promise<void>
  /** The deal's contacts, primary first. */
  contacts(dealId: string): Promise<DealContactEntry<CC>[]>
  /** The deal's activities, newest first. */
  timeline(dealId: string, options?: TimelineOptions): Promise<Page<Activity<unknown>>>
  /** The weighted pipeline of open deals by close period, currency and chosen dimensions (SQL). */
  forecast(options?: ForecastOptions): Promise<ForecastRow[]>
  readonly reports: DealReportsApi
}

/** Lead conversion. */
export interface LeadsApi<CC, CO, CD> {
  /** Contact + company (new or existing, empty fields filled) + optional deal, in one transaction. */
  convert(contactId: string, input?: LeadConversionInput): Promise<LeadConversionResult<CC, CO, CD>>
}

/** Purchases (orders) of one tenant, fed from the app's shop or accounting system. */
export interface PurchasesApi
  extends RecordApi<Purchase, PurchaseCreateInput, PurchaseUpdateInput, ListOptions> {}

/** Segments of one tenant. */
export interface SegmentsApi {
  /** Creates a dynamic, snapshot or static segment. @throws ConflictError when the key is taken. */
  create(input: SegmentCreateInput): Promise<Segment>
  /** @throws NotFoundError */
  get(key: string): Promise<Segment>
  /** Every segment, by key. */
  list(): Promise<Segment[]>
  /** Renames a segment, or changes a dynamic segment's filter. */
  update(key: string, patch: SegmentUpdateInput, options: UpdateOptions): Promise<Segment>
  /** Deletes a segment and its member list; refused while another segment refers to it. */
  delete(key: string): Promise<void>
  /** Adds records to a snapshot or static segment. */
  addMembers(key: string, ids: readonly string[]): Promise<{ added: number; removed: number }>
  /** Removes records from a snapshot or static segment. */
  removeMembers(key: string, ids: readonly string[]): Promise<{ added: number; removed: number }>
  /** How many records it holds now (archived records never count). */
  count(key: string): Promise<number>
  /** A page of members; `filter` narrows further. */
  members(key: string, options?: ListOptions): Promise<Page<object>>
  /** Every member, read in batches as you iterate. */
  stream(key: string, options?: StreamOptions): AsyncGenerator<object>
  /** Ids of every current member. */
  memberIds(key: string): Promise<string[]>
  /** Does the record belong to the segment now? (In memory, with the related records it needs.) */
  matches(key: string, recordOrId: string | { readonly id: string }): Promise<boolean>
  /** Who entered and who left compared with an earlier member list or another segment. */
  diff(key: string, previous: readonly string[] | { readonly segment: string }): Promise<SegmentDiff>
  /** Members who may be contacted on a channel, and the others counted by reason. */
  audience(key: string, channel: ContactChannel, options?: AudienceOptions): Promise<Audience>
}

/** RFM scores of one tenant's contacts. */
export interface RfmApi {
  /** Recomputes every contact's RFM figures and quintile scores from paid purchases in one currency. */
  compute(options: RfmComputeOptions): Promise<{ readonly contacts: number; readonly computedAt: string }>
  /** A contact's stored scores, or null. */
  of(contactId: string): Promise<RfmScore | null>
}
