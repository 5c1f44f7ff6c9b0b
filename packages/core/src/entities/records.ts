import type { ActivityEntity } from './activity-entity'
import type { businessCalendarEntity } from './business-calendar-entity'
import type {
  campaignCostEntity,
  campaignEntity,
  campaignMemberEntity,
  campaignTouchEntity,
} from './campaign-entity'
import type { CaseEntity } from './case-entity'
import type { caseMessageEntity } from './case-message-entity'
import type { CompanyEntity } from './company-entity'
import type { contactCompanyLinkEntity } from './contact-company-link-entity'
import type { ContactEntity } from './contact-entity'
import type { dealContactEntity } from './deal-contact-entity'
import type { dealEntity } from './deal-entity'
import type { dealStageChangeEntity } from './deal-stage-change-entity'
import type { PublicRecord } from './entity'
import type { lifecycleChangeEntity } from './lifecycle-change-entity'
import type { pipelineEntity } from './pipeline-entity'
import type { purchaseEntity } from './purchase-entity'
import type { rfmEntity } from './rfm-entity'
import type { segmentEntity } from './segment-entity'
import type { slaClockEntity } from './sla-clock-entity'
import type { slaPolicyEntity } from './sla-policy-entity'

/** Custom field values when the app declared none. */
export type NoCustomFields = Record<string, never>

/** A person. `Custom` is the output type of the app's `customFields.contact` schema. */
export type Contact<Custom = NoCustomFields> = PublicRecord<ContactEntity> & { readonly custom: Custom }

/** An organisation. `Custom` is the output type of the app's `customFields.company` schema. */
export type Company<Custom = NoCustomFields> = PublicRecord<CompanyEntity> & { readonly custom: Custom }

/** A note, call, email, meeting or task. `Custom` is the output type of `customFields.activity`. */
export type Activity<Custom = NoCustomFields> = PublicRecord<ActivityEntity> & { readonly custom: Custom }

/** A contact's membership in a company, with its role. */
export type ContactCompanyLink = PublicRecord<typeof contactCompanyLinkEntity>

/** One recorded lifecycle move. */
export type LifecycleChange = PublicRecord<typeof lifecycleChangeEntity>

/** One page of a list, with the cursor of the next page (null on the last page). */
export interface Page<T> {
  readonly items: readonly T[]
  /** Pass as `cursor` to get the next page; null when there are no more rows. */
  readonly nextCursor: string | null
}

/** A tenant's pipeline, as stored. */
export type Pipeline = PublicRecord<typeof pipelineEntity>

/** A deal. `Custom` is the output type of the app's `customFields.deal` schema. */
export type Deal<Custom = NoCustomFields> = PublicRecord<typeof dealEntity> & { readonly custom: Custom }

/** A contact's role in a deal. */
export type DealContact = PublicRecord<typeof dealContactEntity>

/** One entry of a deal's stage history. */
export type DealStageChange = PublicRecord<typeof dealStageChangeEntity>

/** An order fed from the app's shop or accounting system. */
export type Purchase = PublicRecord<typeof purchaseEntity>

/** A segment: by filter (dynamic), by a snapshot of a filter, or by hand (static). */
export type Segment = PublicRecord<typeof segmentEntity>

/** A contact's RFM figures and scores. */
export type RfmScore = PublicRecord<typeof rfmEntity>
/** A support case. `Custom` is the output type of the app's `customFields.case` schema. */
export type Case<Custom = NoCustomFields> = PublicRecord<CaseEntity> & { readonly custom: Custom }

/** One message on a case. */
export type CaseMessage = PublicRecord<typeof caseMessageEntity>

/** A tenant's stored business calendar. */
export type BusinessCalendarRecord = PublicRecord<typeof businessCalendarEntity>

/** A tenant's stored SLA policy. */
export type SlaPolicy = PublicRecord<typeof slaPolicyEntity>

/** One SLA clock of a case. */
export type SlaClock = PublicRecord<typeof slaClockEntity>

/** A marketing campaign. */
export type Campaign = PublicRecord<typeof campaignEntity>

/** One contact in a campaign's audience. */
export type CampaignMember = PublicRecord<typeof campaignMemberEntity>

/** One recorded interaction between a campaign and a member. */
export type CampaignTouch = PublicRecord<typeof campaignTouchEntity>

/** One entry of a campaign's cost ledger. */
export type CampaignCost = PublicRecord<typeof campaignCostEntity>
