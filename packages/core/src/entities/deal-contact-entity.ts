import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/** A contact's part in a deal (decision maker, champion, ...), as Salesforce's opportunity contact roles. */
export const dealContactEntity = defineEntity({
  name: 'dealContact',
  table: 'deal_contacts',
  idPrefix: 'dct',
  versioned: true,
  customFields: false,
  since: 2,
  fields: {
    ...versionedSystemFields,
    dealId: field.requiredString(),
    contactId: field.requiredString(),
    role: field.string(),
    /** The deal's main contact; at most one per deal. */
    isPrimary: field.boolean(),
  },
  foreignKeys: [
    { name: 'deal_contacts_deal_fk', columns: ['deal_id'], references: 'deals' },
    { name: 'deal_contacts_contact_fk', columns: ['contact_id'], references: 'contacts' },
  ],
  indexes: [
    { name: 'deal_contacts_pair', columns: ['deal_id', 'contact_id'], unique: true },
    { name: 'deal_contacts_contact', columns: ['contact_id'] },
  ],
})
