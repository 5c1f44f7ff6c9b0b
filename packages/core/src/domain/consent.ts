/** Channels a contact can be reached on. Each has its own consent. */
export const CONTACT_CHANNELS = ['email', 'sms', 'phone', 'postal', 'whatsapp'] as const

/** One of {@link CONTACT_CHANNELS}. */
export type ContactChannel = (typeof CONTACT_CHANNELS)[number]

/** Consent states per channel, from most to least permissive. */
export const CONSENT_STATUSES = ['subscribed', 'notSpecified', 'unsubscribed'] as const

/** One of {@link CONSENT_STATUSES}. */
export type ConsentStatus = (typeof CONSENT_STATUSES)[number]

/** The legal basis a consent was captured under (GDPR Art. 6). */
export const LEGAL_BASES = [
  'consent',
  'contract',
  'legalObligation',
  'vitalInterests',
  'publicTask',
  'legitimateInterest',
] as const

/** One of {@link LEGAL_BASES}. */
export type LegalBasis = (typeof LEGAL_BASES)[number]

/** The consent of one contact on one channel. */
export interface ChannelConsent {
  readonly status: ConsentStatus
  /** Where it was captured: a form name, an import, "phone call", ... */
  readonly source: string | null
  readonly legalBasis: LegalBasis | null
  /** When it was captured (ISO timestamp). */
  readonly capturedAt: string
}

/** Consent per channel; a channel without an entry is `notSpecified`. */
export type ConsentByChannel = Partial<Record<ContactChannel, ChannelConsent>>

/** Days of the week, ISO order. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/** One of {@link WEEKDAYS}. */
export type Weekday = (typeof WEEKDAYS)[number]

/** When a contact prefers to be reached, in their own time zone. */
export interface BestContactTime {
  readonly days: readonly Weekday[]
  /** Local wall-clock time, `HH:mm`. */
  readonly from: string
  /** Local wall-clock time, `HH:mm`, after `from`. */
  readonly to: string
  /** IANA time zone, e.g. `Europe/Berlin`. */
  readonly timeZone: string
}

/** Why a contact may not be contacted on a channel. */
export const CONTACT_BLOCK_REASONS = [
  'archived',
  'doNotContact',
  'noAddress',
  'unsubscribed',
  'noConsent',
] as const

/** One of {@link CONTACT_BLOCK_REASONS}. */
export type ContactBlockReason = (typeof CONTACT_BLOCK_REASONS)[number]

/** The answer of {@link canContact}. */
export type Contactability =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: ContactBlockReason }

/** The facts {@link canContact} looks at. A `Contact` record has all of them. */
export interface ContactabilityFacts {
  readonly archivedAt: string | null
  readonly doNotContact: boolean
  readonly email: string | null
  readonly phone: string | null
  readonly consent: ConsentByChannel
}

/** Options of {@link canContact}. */
export interface ContactabilityOptions {
  /**
   * Require an explicit `subscribed` status (opt-in, as GDPR marketing needs). When false, `notSpecified`
   * is allowed and only `unsubscribed` blocks (opt-out).
   * @default false
   */
  readonly requireOptIn?: boolean
  /**
   * Consents of other records that share this contact's address on the channel. The least permissive
   * status among them all wins.
   * @default []
   */
  readonly sharedAddressConsents?: readonly (ChannelConsent | undefined)[]
  /**
   * Does the contact have a postal address? Rapport does not store one; the app says.
   * @default false
   */
  readonly hasPostalAddress?: boolean
}

const ADDRESS_OF: Record<ContactChannel, 'email' | 'phone' | 'postal'> = {
  email: 'email',
  sms: 'phone',
  phone: 'phone',
  whatsapp: 'phone',
  postal: 'postal',
}

/** The least permissive of several consent statuses; a missing entry counts as `notSpecified`. */
export function leastPermissiveStatus(statuses: readonly (ConsentStatus | undefined)[]): ConsentStatus {
  let worst: ConsentStatus = statuses.length === 0 ? 'notSpecified' : 'subscribed'
  for (const s of statuses) {
    const status = s ?? 'notSpecified'
    if (CONSENT_STATUSES.indexOf(status) > CONSENT_STATUSES.indexOf(worst)) worst = status
  }
  return worst
}

/**
 * May we contact this person on this channel now? Checks, in order: archived, do-not-contact, an address
 * for the channel, and the consent status (the least permissive among records sharing the address).
 *
 * @example
 * ```ts
 * const verdict = canContact(contact, 'email', { requireOptIn: true })
 * if (!verdict.allowed) console.log(`skipped: ${verdict.reason}`)
 * ```
 */
export function canContact(
  contact: ContactabilityFacts,
  channel: ContactChannel,
  options: ContactabilityOptions = {},
): Contactability {
  if (contact.archivedAt !== null) return { allowed: false, reason: 'archived' }
  if (contact.doNotContact) return { allowed: false, reason: 'doNotContact' }
  const address = ADDRESS_OF[channel]
  const hasAddress =
    address === 'postal'
      ? options.hasPostalAddress === true
      : contact[address] !== null && contact[address] !== ''
  if (!hasAddress) return { allowed: false, reason: 'noAddress' }
  const shared = options.sharedAddressConsents ?? []
  const status = leastPermissiveStatus([contact.consent[channel]?.status, ...shared.map((c) => c?.status)])
  if (status === 'unsubscribed') return { allowed: false, reason: 'unsubscribed' }
  if (status === 'notSpecified' && options.requireOptIn === true)
    return { allowed: false, reason: 'noConsent' }
  return { allowed: true }
}
