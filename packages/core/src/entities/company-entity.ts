import { PARTY_KINDS } from '../domain/party-kind'
import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/** An organisation: the company record type. */
export const companyEntity = defineEntity({
  name: 'company',
  table: 'companies',
  idPrefix: 'com',
  versioned: true,
  customFields: true,
  fields: {
    ...versionedSystemFields,
    /** When the company was archived. */
    archivedAt: field.timestamp(),
    /** Display name. */
    name: field.requiredString(),
    /** Web domain, lower case, without scheme (`acme.com`). */
    domain: field.string(),
    /** Industry label. */
    industry: field.string(),
    /** Number of employees. */
    employeeCount: field.integer(),
    /** Main phone number. */
    phone: field.string(),
    /** ISO 3166-1 alpha-2 country code. */
    country: field.string(),
    /** City. */
    city: field.string(),
    /** Relationship with the business. */
    kind: field.requiredEnum(PARTY_KINDS),
    /** Free labels. */
    tags: field.stringList(),
    /** The user (in the app) who owns this company. */
    ownerId: field.string(),
  },
  indexes: [
    { name: 'companies_updated', columns: ['updated_at', 'id'] },
    { name: 'companies_name', columns: ['name'] },
    { name: 'companies_domain', columns: ['domain'] },
  ],
})

/** The company entity's description type. */
export type CompanyEntity = typeof companyEntity
