import type { CampaignStatus } from '../domain/campaigns/campaign-vocabulary'
import type { CaseStatus } from '../domain/cases/case-vocabulary'
import type { ChannelConsent, ContactChannel } from '../domain/consent'
import type { LifecycleDirection, LifecycleMoveSource, LifecycleStage } from '../domain/lifecycle'
import type {
  Activity,
  BusinessCalendarRecord,
  Campaign,
  CampaignCost,
  Case,
  CaseMessage,
  Company,
  Contact,
  ContactCompanyLink,
  Deal,
  DealContact,
  Pipeline,
  Purchase,
  Segment,
  SlaClock,
  SlaPolicy,
} from '../entities/records'

/** Facts every event carries. */
export interface EventMeta {
  /** Unique id of this event (`evt_...`), also its outbox row id. */
  readonly eventId: string
  readonly tenantId: string
  /** When the command ran (the injected clock). */
  readonly occurredAt: string
}

/**
 * Every event Rapport emits, by name, with its payload. Events are written to the outbox in the command's
 * transaction and delivered to `crm.events` listeners only after it commits.
 *
 * `CC`, `CO`, `CA`, `CD`, `CS` are the custom field types of contacts, companies, activities, deals and
 * cases.
 */
export type RapportEventMap<CC = unknown, CO = unknown, CA = unknown, CD = unknown, CS = unknown> = {
  'contact.created': EventMeta & { readonly contact: Contact<CC> }
  /** One event for a whole `createMany` batch (no per-row `contact.created`). */
  'contact.createdMany': EventMeta & { readonly contactIds: readonly string[]; readonly count: number }
  'contact.updated': EventMeta & { readonly contact: Contact<CC>; readonly changedFields: readonly string[] }
  'contact.archived': EventMeta & { readonly contact: Contact<CC> }
  'contact.restored': EventMeta & { readonly contact: Contact<CC> }
  'contact.lifecycleChanged': EventMeta & {
    readonly contactId: string
    readonly from: LifecycleStage | null
    readonly to: LifecycleStage
    readonly direction: LifecycleDirection
    readonly source: LifecycleMoveSource
    readonly actor: string | null
    readonly reason: string | null
  }
  'contact.consentChanged': EventMeta & {
    readonly contactId: string
    readonly channel: ContactChannel
    readonly consent: ChannelConsent
    readonly previous: ChannelConsent | null
  }
  'contact.companyLinked': EventMeta & { readonly link: ContactCompanyLink }
  'contact.companyLinkUpdated': EventMeta & { readonly link: ContactCompanyLink }
  'contact.companyUnlinked': EventMeta & { readonly link: ContactCompanyLink }
  'company.created': EventMeta & { readonly company: Company<CO> }
  /** One event for a whole `createMany` batch (no per-row `company.created`). */
  'company.createdMany': EventMeta & { readonly companyIds: readonly string[]; readonly count: number }
  'company.updated': EventMeta & { readonly company: Company<CO>; readonly changedFields: readonly string[] }
  'company.archived': EventMeta & { readonly company: Company<CO> }
  'company.restored': EventMeta & { readonly company: Company<CO> }
  'activity.created': EventMeta & { readonly activity: Activity<CA> }
  /** One event for a whole `createMany` batch (no per-row `activity.created`). */
  'activity.createdMany': EventMeta & { readonly activityIds: readonly string[]; readonly count: number }
  'activity.updated': EventMeta & {
    readonly activity: Activity<CA>
    readonly changedFields: readonly string[]
  }
  'activity.completed': EventMeta & { readonly activity: Activity<CA> }
  'activity.reopened': EventMeta & { readonly activity: Activity<CA> }
  'pipeline.created': EventMeta & { readonly pipeline: Pipeline }
  'pipeline.updated': EventMeta & { readonly pipeline: Pipeline; readonly movedDealIds: readonly string[] }
  'pipeline.archived': EventMeta & { readonly pipeline: Pipeline }
  'deal.created': EventMeta & { readonly deal: Deal<CD> }
  /** One event for a whole `createMany` batch (no per-row `deal.created`). */
  'deal.createdMany': EventMeta & { readonly dealIds: readonly string[]; readonly count: number }
  'deal.updated': EventMeta & { readonly deal: Deal<CD>; readonly changedFields: readonly string[] }
  'deal.archived': EventMeta & { readonly deal: Deal<CD> }
  'deal.restored': EventMeta & { readonly deal: Deal<CD> }
  'deal.stageChanged': EventMeta & {
    readonly deal: Deal<CD>
    readonly fromStage: string
    readonly toStage: string
    readonly actor: string | null
    readonly reason: string | null
  }
  'deal.won': EventMeta & { readonly deal: Deal<CD> }
  'deal.lost': EventMeta & { readonly deal: Deal<CD> }
  'deal.reopened': EventMeta & { readonly deal: Deal<CD> }
  'deal.contactAdded': EventMeta & { readonly dealContact: DealContact }
  'deal.contactRemoved': EventMeta & { readonly dealContact: DealContact }
  'purchase.created': EventMeta & { readonly purchase: Purchase }
  /** One event for a whole `createMany` batch (no per-row `purchase.created`). */
  'purchase.createdMany': EventMeta & { readonly purchaseIds: readonly string[]; readonly count: number }
  'purchase.updated': EventMeta & { readonly purchase: Purchase; readonly changedFields: readonly string[] }
  'segment.created': EventMeta & { readonly segment: Segment; readonly memberCount: number | null }
  'segment.updated': EventMeta & { readonly segment: Segment }
  'segment.deleted': EventMeta & { readonly segment: Segment }
  'segment.membersChanged': EventMeta & {
    readonly segmentId: string
    readonly added: readonly string[]
    readonly removed: readonly string[]
  }
  'rfm.computed': EventMeta & { readonly currency: string; readonly contacts: number }
  'lead.converted': EventMeta & {
    readonly contactId: string
    readonly companyId: string | null
    readonly companyCreated: boolean
    readonly dealId: string | null
  }
  'case.created': EventMeta & { readonly case: Case<CS> }
  /** One event for a whole `createMany` batch (no per-row `case.created`). */
  'case.createdMany': EventMeta & { readonly caseIds: readonly string[]; readonly count: number }
  'case.updated': EventMeta & { readonly case: Case<CS>; readonly changedFields: readonly string[] }
  'case.statusChanged': EventMeta & {
    readonly case: Case<CS>
    readonly from: CaseStatus
    readonly to: CaseStatus
  }
  'case.messageAdded': EventMeta & { readonly message: CaseMessage; readonly case: Case<CS> }
  'businessCalendar.created': EventMeta & { readonly calendar: BusinessCalendarRecord }
  'businessCalendar.updated': EventMeta & { readonly calendar: BusinessCalendarRecord }
  'slaPolicy.created': EventMeta & { readonly policy: SlaPolicy }
  'slaPolicy.updated': EventMeta & { readonly policy: SlaPolicy }
  'slaPolicy.archived': EventMeta & { readonly policy: SlaPolicy }
  /** A clock reached its warning share of the target. `at` is when it did (a late sweep reports it late). */
  'sla.warning': EventMeta & { readonly caseId: string; readonly clock: SlaClock; readonly at: string }
  /** A clock ran past its target. */
  'sla.breached': EventMeta & { readonly caseId: string; readonly clock: SlaClock; readonly at: string }
  /** A breached clock reached an escalation level; `action` is the policy's label for what to do. */
  'sla.escalated': EventMeta & {
    readonly caseId: string
    readonly clock: SlaClock
    readonly at: string
    readonly level: number
    readonly action: string
  }
  /** A clock stopped within its target: the reply or solution came in time. */
  'sla.met': EventMeta & {
    readonly caseId: string
    readonly clock: SlaClock
    readonly at: string
    readonly elapsedMinutes: number
  }
  'campaign.created': EventMeta & { readonly campaign: Campaign }
  'campaign.createdMany': EventMeta & { readonly campaignIds: readonly string[]; readonly count: number }
  'campaign.updated': EventMeta & { readonly campaign: Campaign; readonly changedFields: readonly string[] }
  /** Members were created from the audience; the excluded counts say who was left out and why. */
  'campaign.launched': EventMeta & {
    readonly campaign: Campaign
    readonly memberCount: number
    readonly excluded: Readonly<Record<string, number>>
  }
  'campaign.statusChanged': EventMeta & {
    readonly campaign: Campaign
    readonly from: CampaignStatus
    readonly to: CampaignStatus
  }
  /** One event per `touches.record` batch. */
  'campaign.touchesRecorded': EventMeta & {
    readonly campaignId: string
    readonly count: number
    readonly byKind: Readonly<Record<string, number>>
  }
  'campaign.costRecorded': EventMeta & { readonly cost: CampaignCost }
}

/** The name of an event. */
export type RapportEventName = keyof RapportEventMap

/** Every event name, for apps that relay the outbox. */
export const RAPPORT_EVENT_NAMES: readonly RapportEventName[] = [
  'contact.created',
  'contact.createdMany',
  'contact.updated',
  'contact.archived',
  'contact.restored',
  'contact.lifecycleChanged',
  'contact.consentChanged',
  'contact.companyLinked',
  'contact.companyLinkUpdated',
  'contact.companyUnlinked',
  'company.created',
  'company.createdMany',
  'company.updated',
  'company.archived',
  'company.restored',
  'activity.created',
  'activity.createdMany',
  'activity.updated',
  'activity.completed',
  'activity.reopened',
  'pipeline.created',
  'pipeline.updated',
  'pipeline.archived',
  'deal.created',
  'deal.createdMany',
  'deal.updated',
  'deal.archived',
  'deal.restored',
  'deal.stageChanged',
  'deal.won',
  'deal.lost',
  'deal.reopened',
  'deal.contactAdded',
  'deal.contactRemoved',
  'purchase.created',
  'purchase.createdMany',
  'purchase.updated',
  'segment.created',
  'segment.updated',
  'segment.deleted',
  'segment.membersChanged',
  'rfm.computed',
  'lead.converted',
  'case.created',
  'case.createdMany',
  'case.updated',
  'case.statusChanged',
  'case.messageAdded',
  'businessCalendar.created',
  'businessCalendar.updated',
  'slaPolicy.created',
  'slaPolicy.updated',
  'slaPolicy.archived',
  'sla.warning',
  'sla.breached',
  'sla.escalated',
  'sla.met',
  'campaign.created',
  'campaign.createdMany',
  'campaign.updated',
  'campaign.launched',
  'campaign.statusChanged',
  'campaign.touchesRecorded',
  'campaign.costRecorded',
]
