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
function presentContact(row: StoredRow): Contact<unknown> {
  return row as unknown as Contact<unknown>
}

/** How contacts plug into the generic record service. */
export function contactSpec(
  deps: ServiceDeps,
): RecordSpec<Contact<unknown>, z.output<typeof contactCreateInput>, z.output<typeof contactUpdateInput>> {
  return {
    entity: contactEntity,
    catalog: deps.catalogs.contact,
    custom: deps.custom.contact,
    createSchema: contactCreateInput,
    updateSchema: contactUpdateInput,
    defaultSort: [{ field: 'createdAt', direction: 'desc' }],
    archivable: true,

    buildRow(input, custom, { id, now }) {
      const consent: ConsentByChannel = {}
      for (const [channel, value] of Object.entries(input.consent)) {
        if (value) consent[channel as ContactChannel] = toChannelConsent(value, now)
      }
      const email = input.email ?? null
      const phone = input.phone ?? null
      return {
        id,
        version: 1,
        createdAt: now,
        updatedAt: now,
        archivedAt: null,
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        email,
        phone,
        jobTitle: input.jobTitle ?? null,
        country: input.country ?? null,
        city: input.city ?? null,
        kind: input.kind,
        tags: input.tags,
        lifecycleStage: input.lifecycleStage ?? null,
        source: input.source ?? null,
        ownerId: input.ownerId ?? null,
        doNotContact: input.doNotContact,
        preferredChannel: input.preferredChannel ?? null,
        bestContactTime: input.bestContactTime ?? null,
        consent,
        custom,
      }
    },

    patchChanges(_current, patch, custom) {
      const changes: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(patch)) {
        if (key === 'custom' || value === undefined) continue
        changes[key] = value
      }
      if (custom !== undefined) changes.custom = custom
      return changes
    },

    present: presentContact,

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
