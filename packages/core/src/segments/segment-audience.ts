import { z } from 'zod'
import {
  CONTACT_BLOCK_REASONS,
  CONTACT_CHANNELS,
  type ConsentByChannel,
  type ContactBlockReason,
  type ContactChannel,
  canContact,
} from '../domain/consent'
import { normalizeEmail, normalizePhone } from '../domain/normalize'
import { contactEntity } from '../entities/contact-entity'
import type { Contact } from '../entities/records'
import { InvalidStateError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import type { ServiceDeps } from '../runtime/service-context'
import type { segmentsService } from './segments'

const audienceOptions = z
  .object({ requireOptIn: z.boolean().optional(), batchSize: z.number().int().min(1).max(10_000).optional() })
  .strict()

/** Options of `segments.audience`. */
export type AudienceOptions = z.input<typeof audienceOptions>

/** Who of a segment may be contacted on a channel, and why the others may not. */
export interface Audience {
  readonly channel: ContactChannel
  /** Members considered. */
  readonly total: number
  /** Ids of the members who may be contacted. */
  readonly contactIds: readonly string[]
  /** Members left out, counted by reason. */
  readonly excluded: Readonly<Record<ContactBlockReason, number>>
}

/**
 * The audience of a contact segment on a channel: each member checked with `canContact`, the least
 * permissive consent among every contact of the tenant sharing the member's address winning. Works in
 * batches, so a large segment never sits in memory at once.
 */
export function segmentAudience(
  deps: ServiceDeps,
  tenantId: string,
  segments: ReturnType<typeof segmentsService>,
) {
  const internal = (name: string) => deps.catalogs.contact.internalFields.get(name)!
  return async function audience(
    key: string,
    channel: ContactChannel,
    options: AudienceOptions = {},
  ): Promise<Audience> {
    const ch = validate(z.enum(CONTACT_CHANNELS), channel, 'channel')
    const { requireOptIn = false, batchSize = 1000 } = validate(audienceOptions, options, 'audience options')
    const segment = await segments.get(key)
    if (segment.entity !== 'contact')
      throw new InvalidStateError(`segment ${key} holds companies; an audience is contacts`)
    const excluded = Object.fromEntries(CONTACT_BLOCK_REASONS.map((r) => [r, 0])) as Record<
      ContactBlockReason,
      number
    >
    const contactIds: string[] = []
    let total = 0
    const byEmail = ch === 'email'
    const addressOf = (c: Contact<unknown>) =>
      ch === 'postal' ? null : byEmail ? normalizeEmail(c.email) : normalizePhone(c.phone)

    const check = async (batch: Contact<unknown>[]) => {
      const addresses = [...new Set(batch.map(addressOf).filter((a): a is string => a !== null))]
      const shared = new Map<string, { id: string; consent: ConsentByChannel }[]>()
      if (addresses.length > 0) {
        const field = internal(byEmail ? 'emailNormalized' : 'phoneNormalized')
        const others = await deps.adapter.reader.find(contactEntity, tenantId, {
          filter: { kind: 'member', field, negate: false, values: addresses },
          now: deps.clock.now().toISOString(),
        })
        for (const other of others) {
          const address = addressOf(other)
          if (address === null) continue
          shared.set(address, [
            ...(shared.get(address) ?? []),
            { id: other.id, consent: other.consent as ConsentByChannel },
          ])
        }
      }
      for (const contact of batch) {
        total++
        const address = addressOf(contact)
        const sharing = address === null ? [] : (shared.get(address) ?? []).filter((o) => o.id !== contact.id)
        const verdict = canContact(contact, ch, {
          requireOptIn,
          sharedAddressConsents: sharing.map((o) => o.consent[ch]),
        })
        if (verdict.allowed) contactIds.push(contact.id)
        else excluded[verdict.reason]++
      }
    }

    let batch: Contact<unknown>[] = []
    for await (const member of segments.stream(key, { batchSize })) {
      batch.push(member as Contact<unknown>)
      if (batch.length >= batchSize) {
        await check(batch)
        batch = []
      }
    }
    if (batch.length > 0) await check(batch)
    return { channel: ch, total, contactIds, excluded }
  }
}
