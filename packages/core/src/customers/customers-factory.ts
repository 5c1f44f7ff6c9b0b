import type { ContactOf, CustomFieldSchemas, CustomOutput } from '../runtime/custom-field-types'
import { archivableApi, recordApi } from '../runtime/record-api'
import { createRecordService } from '../runtime/record-service'
import type { ServiceDeps } from '../runtime/service-context'
import { activitySpec } from './activity-spec'
import { activityTasks } from './activity-tasks'
import type {
  ActivitiesApi,
  CompaniesApi,
  ContactFilterFields,
  ContactsApi,
  CustomersCapability,
  PurchasesApi,
} from './api'
import { companyLinks } from './company-links'
import { companySpec } from './company-spec'
import { contactConsent } from './contact-consent'
import { contactDeals } from './contact-deals'
import { contactLifecycle } from './contact-lifecycle'
import { contactSpec } from './contact-spec'
import { purchaseSpec } from './purchase-spec'
import { timeline } from './timeline'

/**
 * Builds the customers capability of one tenant: contacts (with lifecycle, consent, company links,
 * timeline and deals), companies, activities and purchases, and the services other capabilities build on.
 */
export function createCustomersApi<CF extends CustomFieldSchemas>(
  deps: ServiceDeps,
  tenantId: string,
): CustomersCapability<CF> {
  type CC = CustomOutput<CF['contact']>
  type CO = CustomOutput<CF['company']>
  type CA = CustomOutput<CF['activity']>
  const contactRecords = createRecordService(deps, tenantId, contactSpec<CC>(deps))
  const companyRecords = createRecordService(deps, tenantId, companySpec<CO>(deps))
  const activityRecords = createRecordService(deps, tenantId, activitySpec<CA>(deps))
  const purchaseRecords = createRecordService(deps, tenantId, purchaseSpec(deps))
  const lifecycle = contactLifecycle<CC>(deps, tenantId)
  const consent = contactConsent<CC>(deps, tenantId)
  const links = companyLinks<CC, CO>(deps, tenantId)
  const tasks = activityTasks<CA>(deps, tenantId)
  const timelineOf = timeline(deps, tenantId)

  const contacts: ContactsApi<CF> = {
    ...recordApi<ContactOf<CF>, ContactFilterFields<CF>>(contactRecords),
    ...archivableApi(contactRecords),
    advanceLifecycle: lifecycle.advanceLifecycle,
    setLifecycleStage: lifecycle.setLifecycleStage,
    lifecycleHistory: lifecycle.lifecycleHistory,
    setConsent: consent.setConsent,
    canContact: consent.canContact,
    linkCompany: links.linkCompany,
    updateCompanyLink: links.updateCompanyLink,
    unlinkCompany: links.unlinkCompany,
    companies: links.companiesOf,
    timeline: (id, options) => timelineOf('contact', id, options),
    deals: contactDeals<CustomOutput<CF['deal']>>(deps, tenantId),
  }
  const companies: CompaniesApi<CF> = {
    ...recordApi(companyRecords),
    ...archivableApi(companyRecords),
    contacts: links.contactsOf,
    timeline: (id, options) => timelineOf('company', id, options),
  }
  const activities: ActivitiesApi<CF> = {
    ...recordApi(activityRecords),
    complete: tasks.complete,
    reopen: tasks.reopen,
  }
  const purchases: PurchasesApi = recordApi(purchaseRecords)

  return {
    contacts,
    companies,
    activities,
    purchases,
    services: {
      createCompanyIn: companyRecords.createIn,
      findLinkIn: links.findLinkIn,
      linkIn: links.linkIn,
      timelineOf,
    },
  }
}
