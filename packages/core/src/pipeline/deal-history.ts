import { dealStageChangeEntity } from '../entities/deal-stage-change-entity'
import type { DealStageChange } from '../entities/records'
import type { ServiceDeps } from '../runtime/service-context'

/** The stage history of one tenant's deals. */
export function dealHistory(deps: ServiceDeps, tenantId: string) {
  const field = (name: string) => deps.catalogs.dealStageChange.fields.get(name)!

  /** A deal's stage changes, oldest first, starting with its creation. */
  return async function history(dealId: string): Promise<DealStageChange[]> {
    const rows = await deps.adapter.reader.find(dealStageChangeEntity, tenantId, {
      filter: { kind: 'compare', field: field('dealId'), op: 'eq', value: dealId },
      sort: [{ field: field('dealVersion'), direction: 'asc' }],
      now: deps.clock.now().toISOString(),
    })
    return rows
  }
}
