import { z } from 'zod'
import {
  type ChannelConsent,
  CONTACT_CHANNELS,
  type ConsentByChannel,
  type Contactability,
  type ContactChannel,
  canContact,
} from '../domain/consent'
import { normalizeEmail, normalizePhone } from '../domain/normalize'
import { contactEntity } from '../entities/contact-entity'
import type { Contact } from '../entities/records'
import { NotFoundError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import type { ResolvedFilter } from '../filter/resolved-filter'
import { optionalVersionInput } from '../runtime/common-input'
import { type CommandContext, runCommand, type ServiceDeps } from '../runtime/service-context'
import { loadForChange, type VersionedRow, writeChanges } from '../runtime/versioned-write'
import { type ChannelConsentInput, channelConsentInput } from './contact-input'
import { presentContact, toChannelConsent } from './contact-spec'

const canContactOptions = z
  .object({ requireOptIn: z.boolean().optional(), hasPostalAddress: z.boolean().optional() })
  .strict()

/** Options of `contacts.canContact`. */
export type CanContactOptions = z.input<typeof canContactOptions>

/**
 * Writes one channel's consent on a contact loaded for change, inside the caller's command, and announces
 * it with the previous consent. Every consent change goes through here (`setConsent`, campaign unsubscribes).
 */
export async function writeConsent(
  ctx: CommandContext,
  current: VersionedRow,
  channel: ContactChannel,
  next: ChannelConsent,
): Promise<VersionedRow> {
  const consents = current.consent as ConsentByChannel
  const previous = consents[channel] ?? null
  const written = await writeChanges(ctx, contactEntity, current, {
    consent: { ...consents, [channel]: next },
  })
  ctx.emit('contact.consentChanged', { contactId: current.id, channel, consent: next, previous })
  return written
}

/** Consent commands and the contactability check of one tenant's contacts; `Custom` types their custom fields. */
export function contactConsent<Custom = unknown>(deps: ServiceDeps, tenantId: string) {
  const channelSchema = z.enum(CONTACT_CHANNELS)

  /** Consents of other contacts sharing this contact's address for the channel. */
  async function sharedConsents(contact: Record<string, unknown>, channel: ContactChannel) {
    const byEmail = channel === 'email'
    const value = byEmail
      ? normalizeEmail(contact.email as string | null)
      : normalizePhone(contact.phone as string | null)
    if (channel === 'postal' || typeof value !== 'string') return []
    const field = deps.catalogs.contact.internalFields.get(byEmail ? 'emailNormalized' : 'phoneNormalized')!
    const filter: ResolvedFilter = {
      kind: 'and',
      items: [
        { kind: 'compare', field, op: 'eq', value },
        {
          kind: 'compare',
          field: deps.catalogs.contact.fields.get('id')!,
          op: 'neq',
          value: contact.id as string,
        },
      ],
    }
    const others = await deps.adapter.reader.find(contactEntity, tenantId, {
      filter,
      limit: 1000,
      now: deps.clock.now().toISOString(),
    })
    return others.map((o) => (o.consent as ConsentByChannel)[channel])
  }

  return {
    /** Records a consent status on one channel; the previous status is kept in the event. */
    async setConsent(
      id: string,
      channel: ContactChannel,
      consent: ChannelConsentInput,
      options: { expectedVersion?: number } = {},
    ): Promise<Contact<Custom>> {
      const ch = validate(channelSchema, channel, 'channel')
      const input = validate(channelConsentInput, consent, 'consent')
      const { expectedVersion } = validate(optionalVersionInput, options, 'consent options')
      return runCommand(deps, tenantId, async (ctx) => {
        const current = await loadForChange(ctx, contactEntity, id, expectedVersion)
        return presentContact<Custom>(await writeConsent(ctx, current, ch, toChannelConsent(input, ctx.now)))
      })
    },

    /**
     * May this contact be contacted on this channel? Applies {@link canContact} with the consents of every
     * other contact sharing the address (same normalised email, or phone for sms/phone/whatsapp): the least
     * permissive status wins.
     */
    async canContact(
      id: string,
      channel: ContactChannel,
      options: CanContactOptions = {},
    ): Promise<Contactability> {
      const ch = validate(channelSchema, channel, 'channel')
      const parsed = validate(canContactOptions, options, 'canContact options')
      const row = await deps.adapter.reader.get(contactEntity, tenantId, id)
      if (!row) throw new NotFoundError('contact', id)
      return canContact(presentContact(row), ch, {
        ...parsed,
        sharedAddressConsents: await sharedConsents(row, ch),
      })
    },
  }
}
