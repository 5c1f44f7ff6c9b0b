import type { z } from 'zod'
import type { ChannelConsent, ConsentByChannel, ContactChannel } from '../domain/consent'
import { contactEntity } from '../entities/contact-entity'
import type { Contact } from '../entities/records'
import type { RecordSpec } from '../runtime/record-service'
import type { ServiceDeps } from '../runtime/service-context'
import type { StoredRow } from '../storage/storage-port'
import { type channelConsentInput, contactCreateInput, contactUpdateInput } from './contact-input'

/** A channel consent as stored, from validated input; `capturedAt` defaults to the command's instant. */
export function toChannelConsent(input: z.output<typeof channelConsentInput>, now: string): ChannelConsent {
  return {
    status: input.status,
    source: input.source ?? null,
    legalBasis: input.legalBasis ?? null,
    capturedAt: input.capturedAt ?? now,
  }
}

/** A stored contact is its public record: derived columns never leave the database. */
function presentContact<Custom = unknown>(row: StoredRow): Contact<Custom> {
  return row as unknown as Contact<Custom>
}

/** How contacts plug into the generic record service; `Custom` types the app's contact custom fields. */
export function contactSpec<Custom = unknown>(
  deps: ServiceDeps,
): RecordSpec<Contact<Custom>, z.output<typeof contactCreateInput>, z.output<typeof contactUpdateInput>> {
  return {
    entity: contactEntity,
    catalog: deps.catalogs.contact,
    custom: deps.custom.contact,
    createSchema: contactCreateInput,
    updateSchema: contactUpdateInput,
    defaultSort: [{ field: 'createdAt', direction: 'desc' }],
    archivable: true,

    // Consent is stored per channel with the instant it was captured (now, unless the caller says).
    computeFields(input, { now }) {
      const consent: ConsentByChannel = {}
      for (const [channel, value] of Object.entries(input.consent)) {
        if (value) consent[channel as ContactChannel] = toChannelConsent(value, now)
      }
      return { consent }
    },

    events: {
      created: (ctx, contact) => ctx.emit('contact.created', { contact }),
      createdMany: (ctx, ids) => ctx.emit('contact.createdMany', { contactIds: ids, count: ids.length }),
      updated: (ctx, contact, changed) => ctx.emit('contact.updated', { contact, changedFields: changed }),
      archived: (ctx, contact) => ctx.emit('contact.archived', { contact }),
      restored: (ctx, contact) => ctx.emit('contact.restored', { contact }),
    },
  }
}

export { presentContact }
