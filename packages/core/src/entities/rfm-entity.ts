import { defineEntity } from './entity'
import { field } from './field'

/** A contact's RFM figures and 1–5 scores, as of the last `rfm.compute`. */
export const rfmEntity = defineEntity({
  name: 'rfmScore',
  table: 'contact_rfm',
  idPrefix: 'rfm',
  versioned: false,
  customFields: false,
  since: 3,
  fields: {
    contactId: field.requiredString(),
    /** The currency the monetary figures are in (one RFM computation per currency). */
    currency: field.requiredString(),
    lastPurchaseAt: field.requiredTimestamp(),
    /** Paid purchases. */
    frequency: field.requiredInteger(),
    /** Σ paid amounts in minor units. */
    monetaryMinor: field.requiredInteger(),
    /** 5 = bought most recently (quintile of the last purchase time). */
    recencyScore: field.requiredInteger(),
    /** 5 = bought most often. */
    frequencyScore: field.requiredInteger(),
    /** 5 = spent the most. */
    monetaryScore: field.requiredInteger(),
    computedAt: field.requiredTimestamp(),
  },
  foreignKeys: [{ name: 'contact_rfm_contact_fk', columns: ['contact_id'], references: 'contacts' }],
  indexes: [{ name: 'contact_rfm_contact', columns: ['contact_id'], unique: true }],
})
