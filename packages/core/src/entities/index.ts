import { activityEntity, activityLinkEntity } from './activity-entity'
import { businessCalendarEntity } from './business-calendar-entity'
import {
  campaignCostEntity,
  campaignEntity,
  campaignMemberEntity,
  campaignTouchEntity,
} from './campaign-entity'
import { caseEntity } from './case-entity'
import { caseMessageEntity } from './case-message-entity'
import { companyEntity } from './company-entity'
import { contactCompanyLinkEntity } from './contact-company-link-entity'
import { contactEntity } from './contact-entity'
import { dealContactEntity } from './deal-contact-entity'
import { dealEntity } from './deal-entity'
import { dealStageChangeEntity } from './deal-stage-change-entity'
import type { EntityDescription } from './entity'
import { lifecycleChangeEntity } from './lifecycle-change-entity'
import { outboxEntity } from './outbox-entity'
import { pipelineEntity } from './pipeline-entity'
import { purchaseEntity } from './purchase-entity'
import { rfmEntity } from './rfm-entity'
import { segmentEntity, segmentMemberEntity } from './segment-entity'
import { slaClockEntity } from './sla-clock-entity'
import { slaPolicyEntity } from './sla-policy-entity'

/** Every entity Rapport stores; migrations create their tables from this list. */
export const ALL_ENTITIES: readonly EntityDescription[] = [
  contactEntity,
  companyEntity,
  contactCompanyLinkEntity,
  activityEntity,
  activityLinkEntity,
  lifecycleChangeEntity,
  outboxEntity,
  pipelineEntity,
  dealEntity,
  dealContactEntity,
  dealStageChangeEntity,
  purchaseEntity,
  segmentEntity,
  segmentMemberEntity,
  rfmEntity,
  businessCalendarEntity,
  slaPolicyEntity,
  caseEntity,
  caseMessageEntity,
  slaClockEntity,
  campaignEntity,
  campaignMemberEntity,
  campaignTouchEntity,
  campaignCostEntity,
]

export { activityEntity, activityLinkEntity } from './activity-entity'
export { businessCalendarEntity } from './business-calendar-entity'
export {
  type CampaignMessage,
  campaignCostEntity,
  campaignEntity,
  campaignMemberEntity,
  campaignTouchEntity,
} from './campaign-entity'
export { type CaseEntity, caseEntity } from './case-entity'
export { caseMessageEntity } from './case-message-entity'
export { companyEntity } from './company-entity'
export { contactCompanyLinkEntity } from './contact-company-link-entity'
export { contactEntity } from './contact-entity'
export { dealContactEntity } from './deal-contact-entity'
export { dealEntity } from './deal-entity'
export { dealStageChangeEntity } from './deal-stage-change-entity'
export * from './entity'
export * from './field'
export { lifecycleChangeEntity } from './lifecycle-change-entity'
export { outboxEntity } from './outbox-entity'
export { pipelineEntity } from './pipeline-entity'
export * from './purchase-entity'
export { RELATIONS, type RelationDef, type RelationJoin } from './relations'
export { rfmEntity } from './rfm-entity'
export * from './segment-entity'
export { slaClockEntity } from './sla-clock-entity'
export { slaPolicyEntity } from './sla-policy-entity'
