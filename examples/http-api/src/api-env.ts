import type { Clock, Crm, TenantCrm } from '@rapport/core'

/** No custom fields: this example serves Rapport's own record shapes. */
type NoCustomFieldSchemas = Record<never, never>

/** The CRM the example serves. */
export type ApiCrm = Crm<NoCustomFieldSchemas>

/** One tenant's Rapport API. */
export type ApiTenant = TenantCrm<NoCustomFieldSchemas>

/**
 * What every `/api` handler gets from the tenant middleware: the calling tenant's Rapport API, and the
 * CRM's clock (so "now" in a response is the same "now" Rapport writes with).
 */
export interface ApiEnv {
  Variables: { tenant: ApiTenant; clock: Clock }
}
