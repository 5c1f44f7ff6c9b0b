/**
 * What relationship a contact or company has with the business. Lifecycle stages describe how far a
 * customer-side party has come; vendors, partners and suppliers live in the same CRM with their own kind.
 */
export const PARTY_KINDS = ['customer', 'vendor', 'partner', 'supplier', 'other'] as const

/** One of {@link PARTY_KINDS}. */
export type PartyKind = (typeof PARTY_KINDS)[number]
