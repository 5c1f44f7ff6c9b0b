import { createCampaignsApi } from '../campaigns/campaigns-factory'
import { createCasesApi } from '../cases/cases-factory'
import { createCustomersApi } from '../customers/customers-factory'
import { createPipelineApi } from '../pipeline/pipeline-factory'
import type { CustomFieldSchemas } from '../runtime/custom-field-types'
import { guardIdArguments } from '../runtime/id-guard'
import type { ServiceDeps } from '../runtime/service-context'
import { createSegmentsApi } from '../segments/segments-factory'
import { TENANT_ID_ARGUMENTS } from './id-arguments'
import type { TenantCrm } from './tenant-api'

/**
 * Composes the tenant API from the five capabilities, handing each what it takes from another: the
 * customers' writes and timeline to the pipeline (lead conversion, deal timelines), the segments'
 * audiences to campaigns. Every id argument is checked once, at this edge, before any service runs.
 */
export function createTenantCrm<CF extends CustomFieldSchemas>(
  deps: ServiceDeps,
  tenantId: string,
): TenantCrm<CF> {
  const customers = createCustomersApi<CF>(deps, tenantId)
  const pipeline = createPipelineApi<CF>(deps, tenantId, customers.services)
  const segments = createSegmentsApi(deps, tenantId)
  const cases = createCasesApi<CF>(deps, tenantId)
  const campaigns = createCampaignsApi(deps, tenantId, segments.segments)
  const crm: TenantCrm<CF> = {
    tenantId,
    contacts: customers.contacts,
    companies: customers.companies,
    activities: customers.activities,
    purchases: customers.purchases,
    pipelines: pipeline.pipelines,
    deals: pipeline.deals,
    leads: pipeline.leads,
    segments: segments.segments,
    rfm: segments.rfm,
    cases: cases.cases,
    sla: cases.sla,
    campaigns: campaigns.campaigns,
  }
  return guardIdArguments(crm, TENANT_ID_ARGUMENTS)
}
