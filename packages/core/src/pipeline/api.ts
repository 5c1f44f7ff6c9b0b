import type { TimelineOptions } from '../customers/api'
import type { ForecastRow } from '../domain/pipeline/forecast'
import type {
  ClosedDealStats,
  FunnelStep,
  RottingDeal,
  StageDuration,
} from '../domain/pipeline/pipeline-reports'
import type { Activity, DealContact, DealStageChange, Page, Pipeline } from '../entities/records'
import type { FilterFieldsOf } from '../filter/typed-filter'
import type { CustomFieldSchemas, CustomInput, CustomOutput, DealOf } from '../runtime/custom-field-types'
import type { ArchivableListOptions } from '../runtime/list-query'
import type { ArchivableApi, RecordApi, VersionOption } from '../runtime/record-api'
import type { DealContactEntry } from './deal-contacts'
import type { ForecastOptions } from './deal-forecast'
import type {
  DealCloseOptions,
  DealContactInput,
  DealCreateInput,
  DealMoveOptions,
  DealUpdateInput,
} from './deal-input'
import type { ClosedDealsReportOptions, PipelineReportOptions } from './deal-reports'
import type { LeadConversionInput, LeadConversionResult } from './lead-conversion'
import type { PipelineInput, PipelineUpdateOptions } from './pipeline-input'

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

/** What `deals.create` takes, with the app's custom fields. */
type DealCreate<CF extends CustomFieldSchemas> = DealCreateInput<CustomInput<CF['deal']>>
/** What `deals.update` takes, with the app's custom fields. */
type DealUpdate<CF extends CustomFieldSchemas> = DealUpdateInput<CustomInput<CF['deal']>>

/** Deals of one tenant; `CF` are the app's custom field schemas. */
export interface DealsApi<CF extends CustomFieldSchemas = CustomFieldSchemas>
  extends RecordApi<
      DealOf<CF>,
      DealCreate<CF>,
      DealUpdate<CF>,
      ArchivableListOptions<FilterFieldsOf<DealOf<CF>>>
    >,
    ArchivableApi<DealOf<CF>> {
  /** Moves a deal to another stage by its pipeline's rules. @throws TransitionRefusedError */
  move(id: string, stage: string, options?: DealMoveOptions): Promise<DealOf<CF>>
  /** Closes a deal as won (into `options.stage` or the first won stage); its contacts become customers. */
  markWon(id: string, options?: DealCloseOptions): Promise<DealOf<CF>>
  /** Closes a deal as lost (into `options.stage` or the first lost stage). */
  markLost(id: string, options?: DealCloseOptions): Promise<DealOf<CF>>
  /** Takes a closed deal back into a stage. */
  reopen(id: string, stage: string, options?: DealMoveOptions): Promise<DealOf<CF>>
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
  contacts(dealId: string): Promise<DealContactEntry<CustomOutput<CF['contact']>>[]>
  /** The deal's activities, newest first. */
  timeline(dealId: string, options?: TimelineOptions): Promise<Page<Activity<unknown>>>
  /** The weighted pipeline of open deals by close period, currency and chosen dimensions (SQL). */
  forecast(options?: ForecastOptions): Promise<ForecastRow[]>
  readonly reports: DealReportsApi
}

/** Lead conversion. */
export interface LeadsApi<CF extends CustomFieldSchemas = CustomFieldSchemas> {
  /** Contact + company (new or existing, empty fields filled) + optional deal, in one transaction. */
  convert(
    contactId: string,
    input?: LeadConversionInput,
  ): Promise<
    LeadConversionResult<CustomOutput<CF['contact']>, CustomOutput<CF['company']>, CustomOutput<CF['deal']>>
  >
}

/** The pipeline capability of one tenant, as `createPipelineApi` builds it. */
export interface PipelineCapability<CF extends CustomFieldSchemas = CustomFieldSchemas> {
  readonly pipelines: PipelinesApi
  readonly deals: DealsApi<CF>
  readonly leads: LeadsApi<CF>
}
