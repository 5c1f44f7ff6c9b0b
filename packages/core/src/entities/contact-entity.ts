import {
  type BestContactTime,
  CONSENT_STATUSES,
  CONTACT_CHANNELS,
  type ConsentByChannel,
  type ContactChannel,
  LEGAL_BASES,
} from '../domain/consent'
import { LIFECYCLE_STAGES } from '../domain/lifecycle'
import { normalizeEmail, normalizePhone } from '../domain/normalize'
import { PARTY_KINDS } from '../domain/party-kind'
import { defineEntity, versionedSystemFields } from './entity'
import { field, type JsonPathDef } from './field'

function consentPaths(): Record<string, JsonPathDef> {
  const paths: Record<string, JsonPathDef> = {}
  for (const channel of CONTACT_CHANNELS satisfies readonly ContactChannel[]) {
    paths[`${channel}.status`] = { kind: 'enum', values: CONSENT_STATUSES }
    paths[`${channel}.source`] = { kind: 'string' }
    paths[`${channel}.legalBasis`] = { kind: 'enum', values: LEGAL_BASES }
    paths[`${channel}.capturedAt`] = { kind: 'timestamp' }
  }
  return paths
}

/** A person: the contact record type. */
export const contactEntity = defineEntity({
  name: 'contact',
  table: 'contacts',
  idPrefix: 'con',
  versioned: true,
  customFields: true,
  fields: {
    ...versionedSystemFields,
    /** When the contact was archived; archived contacts are left out of lists unless asked for. */
    archivedAt: field.timestamp(),
    /** Given name. */
    firstName: field.string(),
    /** Family name. */
    lastName: field.string(),
    /** Email address as entered. */
    email: field.string(),
    /** Trimmed, lower-cased email, used to find records sharing an address. */
    emailNormalized: field.derivedString<string>('email', normalizeEmail),
    /** Phone number as entered. */
    phone: field.string(),
    /** Digits-only phone number, used to find records sharing it. */
    phoneNormalized: field.derivedString<string>('phone', normalizePhone),
    /** Job title. */
    jobTitle: field.string(),
    /** ISO 3166-1 alpha-2 country code, upper case. */
    country: field.string(),
    /** City. */
    city: field.string(),
    /** Relationship with the business. */
    kind: field.requiredEnum(PARTY_KINDS),
    /** Free labels. */
    tags: field.stringList(),
    /** Stage along the customer journey. */
    lifecycleStage: field.enum(LIFECYCLE_STAGES),
    /** Where the contact came from (a form, an import, a referral, ...). */
    source: field.string(),
    /** The user (in the app) who owns this contact. */
    ownerId: field.string(),
    /** Never contact this person on any channel. */
    doNotContact: field.boolean(),
    /** The channel the person prefers. */
    preferredChannel: field.enum(CONTACT_CHANNELS),
    /** When the person prefers to be reached. */
    bestContactTime: field.json<BestContactTime | null>({ filterable: false }),
    /** Consent per channel. */
    consent: field.requiredJson<ConsentByChannel>({ jsonPaths: consentPaths() }),
  },
  indexes: [
    { name: 'contacts_updated', columns: ['updated_at', 'id'] },
    { name: 'contacts_email', columns: ['email_normalized'] },
    { name: 'contacts_phone', columns: ['phone_normalized'] },
    { name: 'contacts_lifecycle', columns: ['lifecycle_stage'] },
    { name: 'contacts_owner', columns: ['owner_id'] },
  ],
})

/** The contact entity's description type. */
export type ContactEntity = typeof contactEntity
