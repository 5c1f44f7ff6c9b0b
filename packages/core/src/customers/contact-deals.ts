import { dealContactEntity } from '../entities/deal-contact-entity'
import { dealEntity } from '../entities/deal-entity'
import type { Deal, DealContact } from '../entities/records'
import type { ServiceDeps } from '../runtime/service-context'

/** A deal of a contact, with the contact's role in it. */
export interface ContactDealEntry<CD> {
  readonly dealContact: DealContact
  readonly deal: Deal<CD>
}

/**
 * The deals one tenant's contacts take part in, read from the deal roles. `CD` types the deals' custom
 * fields. A query of the contact, so it lives with contacts: the pipeline writes the roles, and customers
 * never imports the pipeline.
 */
export function contactDeals<CD = unknown>(deps: ServiceDeps, tenantId: string) {
  const contactField = deps.catalogs.dealContact.fields.get('contactId')!

  /** The deals a contact takes part in, newest first. */
  return async function dealsOf(contactId: string): Promise<ContactDealEntry<CD>[]> {
    const now = deps.clock.now().toISOString()
    const rows = await deps.adapter.reader.find(dealContactEntity, tenantId, {
      filter: { kind: 'compare', field: contactField, op: 'eq', value: contactId },
      now,
    })
    const deals = new Map(
      (
        await deps.adapter.reader.getMany(
          dealEntity,
          tenantId,
          rows.map((r) => r.dealId),
        )
      ).map((d) => [d.id, d]),
    )
    return rows
      .map((r) => ({
        dealContact: r as unknown as DealContact,
        deal: deals.get(r.dealId) as unknown as Deal<CD>,
      }))
      .sort((a, b) =>
        a.deal.createdAt < b.deal.createdAt ? 1 : a.deal.createdAt > b.deal.createdAt ? -1 : 0,
      )
  }
}
