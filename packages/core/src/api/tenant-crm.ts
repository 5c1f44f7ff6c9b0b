import { dealStageChangeEntity } from '../entities/deal-stage-change-entity'
import type { Company, Deal, DealStageChange } from '../records/records'
import { activitySpec } from '../services/activity-spec'
import { activityTasks } from '../services/activity-tasks'
import { campaignCosts } from '../services/campaign-costs'
import { campaignLaunch } from '../services/campaign-launch'
import { campaignMembers } from '../services/campaign-members'
import { campaignReports } from '../services/campaign-report'
import { campaignSpec } from '../services/campaign-spec'
import { campaignTouches } from '../services/campaign-touches'
import { caseSpec } from '../services/case-spec'
import { caseWorkflow } from '../services/case-workflow'
import { companyLinks } from '../services/company-links'
import { companySpec } from '../services/company-spec'
import { contactConsent } from '../services/contact-consent'
import { contactLifecycle } from '../services/contact-lifecycle'
import { contactSpec } from '../services/contact-spec'
import { dealContacts } from '../services/deal-contacts'
import { dealForecast } from '../services/deal-forecast'
import { dealMoves, pipelineEditHooks } from '../services/deal-moves'
import { dealReports } from '../services/deal-reports'
import { dealSpec } from '../services/deal-spec'
import { dissatisfiedCustomers } from '../services/dissatisfied-customers'
import { leadConversion } from '../services/lead-conversion'
import { pipelinesService } from '../services/pipelines'
import { purchaseSpec } from '../services/purchase-spec'
import { createRecordService, type RecordService } from '../services/record-service'
import { rfmService } from '../services/rfm'
import { segmentAudience } from '../services/segment-audience'
import { segmentsService } from '../services/segments'
import type { ServiceDeps } from '../services/service-context'
import { similarCases } from '../services/similar-cases'
import { businessCalendarsService } from '../services/sla-calendars'
import { slaPoliciesService } from '../services/sla-policies'
import { slaReports } from '../services/sla-reports'
import { slaSweep } from '../services/sla-sweep'
import { timeline } from '../services/timeline'
import { guardIdArguments } from './id-arguments'
import type { TenantCrm } from './tenant-api'

/** Assembles the tenant-scoped API from the services. */
export function createTenantCrm(deps: ServiceDeps, tenantId: string): TenantCrm {
  const contacts = createRecordService(deps, tenantId, contactSpec(deps))
  const companies = createRecordService(deps, tenantId, companySpec(deps))
  const activities = createRecordService(deps, tenantId, activitySpec(deps))
  const deals = createRecordService(deps, tenantId, dealSpec(deps))
  const links = companyLinks(deps, tenantId)
  const timelineOf = timeline(deps, tenantId)
  const roles = dealContacts(deps, tenantId)
  const segments = segmentsService(deps, tenantId)
  const cases = createRecordService(deps, tenantId, caseSpec(deps))
  const workflow = caseWorkflow(deps, tenantId)
  const audience = segmentAudience(deps, tenantId, segments)
  const dealHistory = async (id: string) => {
    const field = (name: string) => deps.catalogs.dealStageChange.fields.get(name)!
    const rows = await deps.adapter.reader.find(dealStageChangeEntity, tenantId, {
      filter: { kind: 'compare', field: field('dealId'), op: 'eq', value: id },
      sort: [{ field: field('dealVersion'), direction: 'asc' }],
      now: deps.clock.now().toISOString(),
    })
    return rows as unknown as DealStageChange[]
  }

  // Every id argument is checked once, at the edge, before any service runs.
  return guardIdArguments({
    tenantId,
    contacts: {
      ...contacts,
      ...contactLifecycle(deps, tenantId),
      ...contactConsent(deps, tenantId),
      linkCompany: links.linkCompany,
      updateCompanyLink: links.updateCompanyLink,
      unlinkCompany: links.unlinkCompany,
      companies: links.companiesOf,
      timeline: (id, options) => timelineOf('contact', id, options),
      deals: roles.dealsOf,
    },
    companies: {
      ...companies,
      contacts: links.contactsOf,
      timeline: (id, options) => timelineOf('company', id, options),
    },
    activities: { ...activities, ...activityTasks(deps, tenantId) },
    pipelines: pipelinesService(deps, tenantId, pipelineEditHooks(deps)),
    deals: {
      ...deals,
      ...dealMoves(deps, tenantId),
      history: dealHistory,
      addContact: roles.addContact,
      removeContact: roles.removeContact,
      contacts: roles.contactsOf,
      timeline: (id, options) => timelineOf('deal', id, options),
      forecast: dealForecast(deps, tenantId),
      reports: dealReports(deps, tenantId),
    },
    purchases: createRecordService(deps, tenantId, purchaseSpec(deps)),
    segments: { ...segments, audience },
    rfm: rfmService(deps, tenantId),
    leads: leadConversion(deps, tenantId, {
      companies: companies as RecordService<Company<unknown>, unknown, unknown>,
      deals: deals as RecordService<Deal<unknown>, unknown, unknown>,
      links,
    }),
    cases: {
      ...cases,
      ...workflow,
      similar: similarCases(deps, tenantId),
      dissatisfied: dissatisfiedCustomers(deps, tenantId),
    },
    sla: {
      calendars: businessCalendarsService(deps, tenantId),
      policies: slaPoliciesService(deps, tenantId),
      clocks: workflow.clocks,
      sweep: slaSweep(deps, tenantId),
      reports: slaReports(deps, tenantId),
    },
    campaigns: {
      ...createRecordService(deps, tenantId, campaignSpec(deps)),
      ...campaignLaunch(deps, tenantId, audience),
      ...campaignTouches(deps, tenantId),
      ...campaignCosts(deps, tenantId),
      ...campaignMembers(deps, tenantId),
      ...campaignReports(deps, tenantId),
    },
  } as TenantCrm)
}
