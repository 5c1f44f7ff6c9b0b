import { campaignCosts } from '../campaigns/campaign-costs'
import { campaignLaunch } from '../campaigns/campaign-launch'
import { campaignMembers } from '../campaigns/campaign-members'
import { campaignReports } from '../campaigns/campaign-report'
import { campaignSpec } from '../campaigns/campaign-spec'
import { campaignTouches } from '../campaigns/campaign-touches'
import { caseSpec } from '../cases/case-spec'
import { caseWorkflow } from '../cases/case-workflow'
import { dissatisfiedCustomers } from '../cases/dissatisfied-customers'
import { similarCases } from '../cases/similar-cases'
import { businessCalendarsService } from '../cases/sla/sla-calendars'
import { slaPoliciesService } from '../cases/sla/sla-policies'
import { slaReports } from '../cases/sla/sla-reports'
import { slaSweep } from '../cases/sla/sla-sweep'
import { activitySpec } from '../customers/activity-spec'
import { activityTasks } from '../customers/activity-tasks'
import { companyLinks } from '../customers/company-links'
import { companySpec } from '../customers/company-spec'
import { contactConsent } from '../customers/contact-consent'
import { contactLifecycle } from '../customers/contact-lifecycle'
import { contactSpec } from '../customers/contact-spec'
import { leadConversion } from '../customers/lead-conversion'
import { purchaseSpec } from '../customers/purchase-spec'
import { timeline } from '../customers/timeline'
import { dealStageChangeEntity } from '../entities/deal-stage-change-entity'
import type { Company, Deal, DealStageChange } from '../entities/records'
import { dealContacts } from '../pipeline/deal-contacts'
import { dealForecast } from '../pipeline/deal-forecast'
import { dealMoves, pipelineEditHooks } from '../pipeline/deal-moves'
import { dealReports } from '../pipeline/deal-reports'
import { dealSpec } from '../pipeline/deal-spec'
import { pipelinesService } from '../pipeline/pipelines'
import { createRecordService, type RecordService } from '../runtime/record-service'
import type { ServiceDeps } from '../runtime/service-context'
import { rfmService } from '../segments/rfm'
import { segmentAudience } from '../segments/segment-audience'
import { segmentsService } from '../segments/segments'
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
