import { activityEntity, activityLinkEntity } from '../entities/activity-entity'
import { businessCalendarEntity } from '../entities/business-calendar-entity'
import {
  campaignCostEntity,
  campaignEntity,
  campaignMemberEntity,
  campaignTouchEntity,
} from '../entities/campaign-entity'
import { caseEntity } from '../entities/case-entity'
import { caseMessageEntity } from '../entities/case-message-entity'
import { companyEntity } from '../entities/company-entity'
import { contactCompanyLinkEntity } from '../entities/contact-company-link-entity'
import { contactEntity } from '../entities/contact-entity'
import { dealContactEntity } from '../entities/deal-contact-entity'
import { dealEntity } from '../entities/deal-entity'
import { dealStageChangeEntity } from '../entities/deal-stage-change-entity'
import { lifecycleChangeEntity } from '../entities/lifecycle-change-entity'
import { pipelineEntity } from '../entities/pipeline-entity'
import { purchaseEntity } from '../entities/purchase-entity'
import { rfmEntity } from '../entities/rfm-entity'
import { segmentEntity, segmentMemberEntity } from '../entities/segment-entity'
import { slaClockEntity } from '../entities/sla-clock-entity'
import { slaPolicyEntity } from '../entities/sla-policy-entity'
import { buildFieldCatalog, linkCatalogs } from '../filter/field-catalog'
import { relatedCatalog } from '../filter/related-catalog'
import type { CustomFields } from './custom-fields'
import type { Catalogs } from './service-context'

/** The field catalogs of every entity, with the app's custom fields, connected through their relations. */
export function buildCatalogs(custom: {
  readonly contact: CustomFields
  readonly company: CustomFields
  readonly activity: CustomFields
  readonly deal: CustomFields
  readonly case: CustomFields
}): Catalogs {
  const catalogs: Omit<Catalogs, 'slaCondition'> = {
    contact: buildFieldCatalog(contactEntity, custom.contact.descriptors),
    company: buildFieldCatalog(companyEntity, custom.company.descriptors),
    activity: buildFieldCatalog(activityEntity, custom.activity.descriptors),
    contactCompanyLink: buildFieldCatalog(contactCompanyLinkEntity),
    activityLink: buildFieldCatalog(activityLinkEntity),
    lifecycleChange: buildFieldCatalog(lifecycleChangeEntity),
    pipeline: buildFieldCatalog(pipelineEntity),
    deal: buildFieldCatalog(dealEntity, custom.deal.descriptors),
    dealContact: buildFieldCatalog(dealContactEntity),
    dealStageChange: buildFieldCatalog(dealStageChangeEntity),
    purchase: buildFieldCatalog(purchaseEntity),
    segment: buildFieldCatalog(segmentEntity),
    segmentMember: buildFieldCatalog(segmentMemberEntity),
    rfm: buildFieldCatalog(rfmEntity),
    case: buildFieldCatalog(caseEntity, custom.case.descriptors),
    caseMessage: buildFieldCatalog(caseMessageEntity),
    businessCalendar: buildFieldCatalog(businessCalendarEntity),
    slaPolicy: buildFieldCatalog(slaPolicyEntity),
    slaClock: buildFieldCatalog(slaClockEntity),
    campaign: buildFieldCatalog(campaignEntity),
    campaignMember: buildFieldCatalog(campaignMemberEntity),
    campaignTouch: buildFieldCatalog(campaignTouchEntity),
    campaignCost: buildFieldCatalog(campaignCostEntity),
  }
  linkCatalogs(Object.values(catalogs))
  // Evaluated in memory on a case with its contact and company, so it is built after the SQL relations.
  const slaCondition = relatedCatalog(catalogs.case, { contact: catalogs.contact, company: catalogs.company })
  return { ...catalogs, slaCondition }
}
