import type { CampaignsApi } from '../campaigns/api'
import type { CasesApi, SlaApi } from '../cases/api'
import type { ActivitiesApi, CompaniesApi, ContactsApi, PurchasesApi } from '../customers/api'
import type { DealsApi, LeadsApi, PipelinesApi } from '../pipeline/api'
import type { CustomFieldSchemas } from '../runtime/custom-field-types'
import type { RfmApi, SegmentsApi } from '../segments/api'

/**
 * Everything Rapport does for one tenant. Nothing here can read or change another tenant's rows. `CF` are
 * the app's custom field schemas (`TenantCrm<typeof customFields>`); they type every record's `custom`.
 */
export interface TenantCrm<CF extends CustomFieldSchemas = CustomFieldSchemas> {
  readonly tenantId: string
  readonly contacts: ContactsApi<CF>
  readonly companies: CompaniesApi<CF>
  readonly activities: ActivitiesApi<CF>
  readonly pipelines: PipelinesApi
  readonly deals: DealsApi<CF>
  readonly leads: LeadsApi<CF>
  readonly purchases: PurchasesApi
  readonly segments: SegmentsApi
  readonly rfm: RfmApi
  readonly cases: CasesApi<CF>
  readonly sla: SlaApi
  /** Campaigns: plan, launch to a segment's contactable members, record touches and costs, measure ROI. */
  readonly campaigns: CampaignsApi
}
