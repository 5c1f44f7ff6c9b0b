import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/** Purchase statuses: only paid purchases count as revenue. */
export const PURCHASE_STATUSES = ['paid', 'refunded', 'cancelled'] as const

/** One of {@link PURCHASE_STATUSES}. */
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number]

/** One line of a purchase. */
export interface PurchaseLineItem {
  readonly sku: string
  readonly quantity: number
  /** Price of one unit in minor units of the purchase's currency. */
  readonly unitAmountMinor: number | null
}

/** An order an app feeds from its shop or accounting system. */
export const purchaseEntity = defineEntity({
  name: 'purchase',
  table: 'purchases',
  idPrefix: 'pur',
  versioned: true,
  customFields: false,
  since: 3,
  fields: {
    ...versionedSystemFields,
    /** The buyer (a contact), the buying organisation, or both. */
    contactId: field.string(),
    companyId: field.string(),
    /** The app's own order id; unique in the tenant, so imports can be repeated safely. */
    externalId: field.string(),
    /** Total in minor units. */
    amountMinor: field.requiredInteger(),
    currency: field.requiredString(),
    status: field.requiredEnum(PURCHASE_STATUSES),
    /** When the order was placed. */
    occurredAt: field.requiredTimestamp(),
    lineItems: field.requiredJson<readonly PurchaseLineItem[]>({ filterable: false }),
    /** The SKUs bought, from the line items, for filters like "bought sku X". */
    skus: field.stringList(),
    /** Total quantity over the line items. */
    quantity: field.requiredInteger(),
  },
  foreignKeys: [
    { name: 'purchases_contact_fk', columns: ['contact_id'], references: 'contacts' },
    { name: 'purchases_company_fk', columns: ['company_id'], references: 'companies' },
  ],
  indexes: [
    { name: 'purchases_contact', columns: ['contact_id', 'occurred_at'] },
    { name: 'purchases_company', columns: ['company_id', 'occurred_at'] },
    { name: 'purchases_external', columns: ['external_id'], unique: true },
  ],
})
