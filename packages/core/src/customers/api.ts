import type { Contactability, ContactChannel } from '../domain/consent'
import type { LifecycleStage } from '../domain/lifecycle'
import type {
  Activity,
  ContactCompanyLink,
  LifecycleChange,
  Page,
  Purchase,
  RfmScore,
} from '../entities/records'
import type { FilterFieldsOf, PrefixedFields, TypedFilter } from '../filter/typed-filter'
import type {
  ActivityOf,
  CompanyOf,
  ContactOf,
  CustomFieldSchemas,
  CustomInput,
  CustomOutput,
} from '../runtime/custom-field-types'
import type { ArchivableListOptions, ListOptions } from '../runtime/list-query'
import type { ArchivableApi, RecordApi, VersionOption } from '../runtime/record-api'
import type { CommandContext } from '../runtime/service-context'
import type { ActivityCreateInput, ActivityUpdateInput } from './activity-input'
import type { CompanyCreateInput, CompanyUpdateInput } from './company-input'
import type {
  CompanyContact,
  CompanyLinks,
  ContactCompany,
  LinkCompanyInput,
  UpdateCompanyLinkInput,
} from './company-links'
import type { CanContactOptions } from './contact-consent'
import type { ContactDealEntry } from './contact-deals'
import type { ChannelConsentInput, ContactCreateInput, ContactUpdateInput } from './contact-input'
import type { LifecycleAdvanceResult, LifecycleMoveOptions } from './contact-lifecycle'
import type { PurchaseCreateInput, PurchaseUpdateInput } from './purchase-input'
import type { TimelineOf, TimelineOptions } from './timeline'

// What other capabilities may use of customers: its commands inside their own transaction and its
// presentation of a contact (pipeline moves lifecycles and lists deal contacts, campaigns record
// unsubscribes). Nothing else of this folder is theirs to import.
export { companyCreateInput } from './company-input'
export { writeConsent } from './contact-consent'
export { advanceLifecycleIn } from './contact-lifecycle'
export { presentContact } from './contact-spec'
export type { TimelineOptions }

// What `create` and `update` of contacts, companies and activities take, with the app's custom fields.
type ContactCreate<CF extends CustomFieldSchemas> = ContactCreateInput<CustomInput<CF['contact']>>
type ContactUpdate<CF extends CustomFieldSchemas> = ContactUpdateInput<CustomInput<CF['contact']>>
type CompanyCreate<CF extends CustomFieldSchemas> = CompanyCreateInput<CustomInput<CF['company']>>
type CompanyUpdate<CF extends CustomFieldSchemas> = CompanyUpdateInput<CustomInput<CF['company']>>
type ActivityCreate<CF extends CustomFieldSchemas> = ActivityCreateInput<CustomInput<CF['activity']>>
type ActivityUpdate<CF extends CustomFieldSchemas> = ActivityUpdateInput<CustomInput<CF['activity']>>

/** What contact filters and sorts may name: the contact's fields and its RFM scores (`rfm.recencyScore`). */
export type ContactFilterFields<CF extends CustomFieldSchemas = CustomFieldSchemas> = FilterFieldsOf<
  ContactOf<CF>
> &
  PrefixedFields<'rfm', FilterFieldsOf<RfmScore>>

/**
 * A contact filter checked at compile time against the contact's fields and the app's custom fields:
 * `const gold: ContactFilter<typeof customFields> = { field: 'custom.tier', op: 'eq', value: 'gold' }`.
 * Without an argument: the contacts of a Crm that declared no custom fields.
 */
export type ContactFilter<CF extends CustomFieldSchemas = Record<never, never>> = TypedFilter<
  ContactFilterFields<CF>
>

/** Contacts of one tenant; `CF` are the app's custom field schemas. */
export interface ContactsApi<CF extends CustomFieldSchemas = CustomFieldSchemas>
  extends RecordApi<
      ContactOf<CF>,
      ContactCreate<CF>,
      ContactUpdate<CF>,
      ArchivableListOptions<ContactFilterFields<CF>>,
      ContactFilterFields<CF>
    >,
    ArchivableApi<ContactOf<CF>> {
  /** Automatic lifecycle move: only forward; returns `moved: false` otherwise. */
  advanceLifecycle(
    id: string,
    stage: LifecycleStage,
    options?: LifecycleMoveOptions,
  ): Promise<LifecycleAdvanceResult<ContactOf<CF>>>
  /** Explicit lifecycle move, forward or backward, recorded with actor and reason. */
  setLifecycleStage(id: string, stage: LifecycleStage, options?: LifecycleMoveOptions): Promise<ContactOf<CF>>
  /** Recorded lifecycle moves, oldest first. */
  lifecycleHistory(id: string): Promise<LifecycleChange[]>
  /** Records consent on one channel. */
  setConsent(
    id: string,
    channel: ContactChannel,
    consent: ChannelConsentInput,
    options?: VersionOption,
  ): Promise<ContactOf<CF>>
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
  companies(contactId: string): Promise<ContactCompany<CustomOutput<CF['company']>>[]>
  /** The contact's activities, newest first. */
  timeline(contactId: string, options?: TimelineOptions): Promise<Page<Activity<unknown>>>
  /** The deals the contact takes part in, with its role, newest first. */
  deals(contactId: string): Promise<ContactDealEntry<CustomOutput<CF['deal']>>[]>
}

/** Companies of one tenant. */
export interface CompaniesApi<CF extends CustomFieldSchemas = CustomFieldSchemas>
  extends RecordApi<
      CompanyOf<CF>,
      CompanyCreate<CF>,
      CompanyUpdate<CF>,
      ArchivableListOptions<FilterFieldsOf<CompanyOf<CF>>>
    >,
    ArchivableApi<CompanyOf<CF>> {
  /** The company's contacts, in the order they were linked. */
  contacts(
    companyId: string,
    options?: { limit?: number; cursor?: string | null },
  ): Promise<Page<CompanyContact<CustomOutput<CF['contact']>>>>
  /** The company's activities (linked directly, or through a contact whose primary company it is), newest first. */
  timeline(companyId: string, options?: TimelineOptions): Promise<Page<Activity<unknown>>>
}

/** Activities (notes, calls, emails, meetings, tasks) of one tenant. */
export interface ActivitiesApi<CF extends CustomFieldSchemas = CustomFieldSchemas>
  extends RecordApi<
    ActivityOf<CF>,
    ActivityCreate<CF>,
    ActivityUpdate<CF>,
    ListOptions<FilterFieldsOf<ActivityOf<CF>>>
  > {
  /** Marks a task done (idempotent). */
  complete(id: string, options?: VersionOption): Promise<ActivityOf<CF>>
  /** Marks a done task open again (idempotent). */
  reopen(id: string, options?: VersionOption): Promise<ActivityOf<CF>>
}

/** Purchases (orders) of one tenant, fed from the app's shop or accounting system. */
export interface PurchasesApi
  extends RecordApi<
    Purchase,
    PurchaseCreateInput,
    PurchaseUpdateInput,
    ListOptions<FilterFieldsOf<Purchase>>
  > {}

/** The customers capability of one tenant, as `createCustomersApi` builds it. */
export interface CustomersCapability<CF extends CustomFieldSchemas = CustomFieldSchemas> {
  readonly contacts: ContactsApi<CF>
  readonly companies: CompaniesApi<CF>
  readonly activities: ActivitiesApi<CF>
  readonly purchases: PurchasesApi
  /** What other capabilities build on (lead conversion, deal timelines); not part of the tenant API. */
  readonly services: CustomersServices<CF>
}

/** What another capability's commands and queries use of customers, built with the tenant's API. */
export interface CustomersServices<CF extends CustomFieldSchemas = CustomFieldSchemas> {
  /** Creates a company inside another command's transaction; `path` prefixes validation issue paths. */
  createCompanyIn(
    ctx: CommandContext,
    input: unknown,
    path?: readonly (string | number)[],
  ): Promise<CompanyOf<CF>>
  /** The link of a contact to a company, if any, read inside a command's transaction. */
  readonly findLinkIn: CompanyLinks['findLinkIn']
  /** Links a contact to a company inside a command's transaction. */
  readonly linkIn: CompanyLinks['linkIn']
  /** The activities of a contact, company or deal, newest first. */
  readonly timelineOf: TimelineOf
}
