import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/** A contact's membership in a company, with a role. A contact may belong to several companies. */
export const contactCompanyLinkEntity = defineEntity({
  name: 'contactCompanyLink',
  table: 'contact_companies',
  idPrefix: 'ccl',
  versioned: true,
  customFields: false,
  fields: {
    ...versionedSystemFields,
    contactId: field.requiredString(),
    companyId: field.requiredString(),
    /** The contact's role at the company (e.g. "CTO", "billing contact"). */
    role: field.string(),
    /** The company the contact is mainly associated with; at most one per contact. */
    isPrimary: field.boolean(),
  },
  foreignKeys: [
    { name: 'contact_companies_contact_fk', columns: ['contact_id'], references: 'contacts' },
    { name: 'contact_companies_company_fk', columns: ['company_id'], references: 'companies' },
  ],
  indexes: [
    { name: 'contact_companies_pair', columns: ['contact_id', 'company_id'], unique: true },
    { name: 'contact_companies_company', columns: ['company_id', 'contact_id'] },
  ],
})
