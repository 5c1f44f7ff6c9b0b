import { presentContact } from '../customers/api'
import { contactEntity } from '../entities/contact-entity'
import { dealContactEntity } from '../entities/deal-contact-entity'
import { dealEntity } from '../entities/deal-entity'
import type { Contact, DealContact } from '../entities/records'
import { ConflictError, NotFoundError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import type { ResolvedFilter } from '../filter/resolved-filter'
import { type CommandContext, runCommand, type ServiceDeps } from '../runtime/service-context'
import { writeChanges } from '../runtime/versioned-write'
import { type DealContactInput, dealContactInput } from './deal-input'

/** A contact of a deal, with its role. */
export interface DealContactEntry<CC> {
  readonly dealContact: DealContact
  readonly contact: Contact<CC>
}

/** Contacts' roles in one tenant's deals; `CC` types the contacts' custom fields. */
export function dealContacts<CC = unknown>(deps: ServiceDeps, tenantId: string) {
  const field = (name: string) => deps.catalogs.dealContact.fields.get(name)!
  const eq = (name: string, value: string): ResolvedFilter => ({
    kind: 'compare',
    field: field(name),
    op: 'eq',
    value,
  })

  async function findPair(ctx: CommandContext, dealId: string, contactId: string) {
    const [row] = await ctx.tx.find(dealContactEntity, tenantId, {
      filter: { kind: 'and', items: [eq('dealId', dealId), eq('contactId', contactId)] },
      now: ctx.now,
    })
    return row
  }

  return {
    /** Adds a contact to a deal with a role; `isPrimary` makes it the deal's main contact. */
    async addContact(dealId: string, contactId: string, options: Omit<DealContactInput, 'contactId'> = {}) {
      const input = validate(dealContactInput, { ...options, contactId }, 'deal contact')
      return runCommand(deps, tenantId, async (ctx) => {
        if (!(await ctx.tx.get(dealEntity, tenantId, dealId))) throw new NotFoundError('deal', dealId)
        if (!(await ctx.tx.get(contactEntity, tenantId, contactId)))
          throw new NotFoundError('contact', contactId)
        if (await findPair(ctx, dealId, contactId)) {
          throw new ConflictError(`contact ${contactId} is already on deal ${dealId}`, {
            details: { reason: 'alreadyLinked', dealId, contactId },
          })
        }
        const others = await ctx.tx.find(dealContactEntity, tenantId, {
          filter: eq('dealId', dealId),
          now: ctx.now,
        })
        const isPrimary = input.isPrimary ?? others.length === 0
        if (isPrimary) {
          for (const other of others.filter((o) => o.isPrimary)) {
            await writeChanges(ctx, dealContactEntity, other, { isPrimary: false })
          }
        }
        const row = {
          id: deps.newId(dealContactEntity.idPrefix),
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          dealId,
          contactId,
          role: input.role ?? null,
          isPrimary,
        }
        await ctx.tx.insert(dealContactEntity, tenantId, [row])
        ctx.emit('deal.contactAdded', { dealContact: row })
        return row as DealContact
      })
    },

    /** Removes a contact from a deal. */
    async removeContact(dealId: string, contactId: string): Promise<void> {
      await runCommand(deps, tenantId, async (ctx) => {
        const row = await findPair(ctx, dealId, contactId)
        if (!row) throw new NotFoundError('dealContact', `${dealId}→${contactId}`)
        await ctx.tx.deleteWhere(dealContactEntity, tenantId, eq('id', row.id))
        ctx.emit('deal.contactRemoved', { dealContact: row })
      })
    },

    /** The contacts of a deal, primary first. */
    async contactsOf(dealId: string): Promise<DealContactEntry<CC>[]> {
      const now = deps.clock.now().toISOString()
      const rows = await deps.adapter.reader.find(dealContactEntity, tenantId, {
        filter: eq('dealId', dealId),
        now,
      })
      const contacts = new Map(
        (
          await deps.adapter.reader.getMany(
            contactEntity,
            tenantId,
            rows.map((r) => r.contactId),
          )
        ).map((c) => [c.id, c]),
      )
      return rows
        .map((r) => ({
          dealContact: r,
          contact: presentContact<CC>(contacts.get(r.contactId)!),
        }))
        .sort((a, b) => Number(b.dealContact.isPrimary) - Number(a.dealContact.isPrimary))
    },
  }
}
