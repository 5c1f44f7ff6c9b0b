import { z } from 'zod'
import { companyEntity } from '../entities/company-entity'
import { contactCompanyLinkEntity } from '../entities/contact-company-link-entity'
import { contactEntity } from '../entities/contact-entity'
import type { Company, Contact, ContactCompanyLink, Page } from '../entities/records'
import { ConflictError, InvalidStateError, NotFoundError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import type { ResolvedFilter } from '../filter/resolved-filter'
import { optionalText } from '../runtime/common-input'
import { resolveListQuery, toPage } from '../runtime/list-query'
import { type CommandContext, runCommand, type ServiceDeps } from '../runtime/service-context'
import { loadForChange, writeChanges } from '../runtime/versioned-write'
import type { StoredRow } from '../storage/storage-port'
import { presentContact } from './contact-spec'

const linkInput = z
  .object({
    role: optionalText(200),
    /** Defaults to true for a contact's first company. */
    isPrimary: z.boolean().optional(),
  })
  .strict()

const linkUpdateInput = z
  .object({
    role: optionalText(200),
    isPrimary: z.boolean().optional(),
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict()

/** Options of `contacts.linkCompany`. */
export type LinkCompanyInput = z.input<typeof linkInput>
/** Options of `contacts.updateCompanyLink`. */
export type UpdateCompanyLinkInput = z.input<typeof linkUpdateInput>

/** A company a contact belongs to, with the link. */
export interface ContactCompany<CO> {
  readonly link: ContactCompanyLink
  readonly company: Company<CO>
}

/** A contact of a company, with the link. */
export interface CompanyContact<CC> {
  readonly link: ContactCompanyLink
  readonly contact: Contact<CC>
}

/** Contact ↔ company links of one tenant; `CC` / `CO` type the custom fields of contacts / companies. */
export function companyLinks<CC = unknown, CO = unknown>(deps: ServiceDeps, tenantId: string) {
  const catalog = deps.catalogs.contactCompanyLink
  const field = (name: string) => catalog.fields.get(name)!
  const byContact = (contactId: string): ResolvedFilter => ({
    kind: 'compare',
    field: field('contactId'),
    op: 'eq',
    value: contactId,
  })
  const pair = (contactId: string, companyId: string): ResolvedFilter => ({
    kind: 'and',
    items: [byContact(contactId), { kind: 'compare', field: field('companyId'), op: 'eq', value: companyId }],
  })

  async function findLink(ctx: CommandContext, contactId: string, companyId: string) {
    const [link] = await ctx.tx.find(contactCompanyLinkEntity, tenantId, {
      filter: pair(contactId, companyId),
      now: ctx.now,
    })
    return link
  }

  /** Clears `isPrimary` on the contact's other links. */
  async function demoteOthers(ctx: CommandContext, contactId: string, keepId: string) {
    const others = await ctx.tx.find(contactCompanyLinkEntity, tenantId, {
      filter: {
        kind: 'and',
        items: [byContact(contactId), { kind: 'compare', field: field('isPrimary'), op: 'eq', value: true }],
      },
      now: ctx.now,
    })
    for (const other of others) {
      if (other.id === keepId) continue
      const written = await writeChanges(ctx, contactCompanyLinkEntity, other, { isPrimary: false })
      ctx.emit('contact.companyLinkUpdated', { link: written as unknown as ContactCompanyLink })
    }
  }

  async function requireActive(ctx: CommandContext, contactId: string, companyId: string) {
    const [contact, company] = await Promise.all([
      ctx.tx.get(contactEntity, tenantId, contactId),
      ctx.tx.get(companyEntity, tenantId, companyId),
    ])
    if (!contact) throw new NotFoundError('contact', contactId)
    if (!company) throw new NotFoundError('company', companyId)
    if (contact.archivedAt !== null) throw new InvalidStateError(`contact ${contactId} is archived`)
    if (company.archivedAt !== null) throw new InvalidStateError(`company ${companyId} is archived`)
  }

  /** Links inside a running command (lead conversion links the lead to its company). */
  async function linkIn(
    ctx: CommandContext,
    contactId: string,
    companyId: string,
    input: z.output<typeof linkInput>,
  ): Promise<ContactCompanyLink> {
    await requireActive(ctx, contactId, companyId)
    if (await findLink(ctx, contactId, companyId)) {
      throw new ConflictError(`contact ${contactId} is already linked to company ${companyId}`, {
        details: { reason: 'alreadyLinked', contactId, companyId },
      })
    }
    const existing = await ctx.tx.count(contactCompanyLinkEntity, tenantId, byContact(contactId), ctx.now)
    const link = {
      id: deps.newId(contactCompanyLinkEntity.idPrefix),
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      contactId,
      companyId,
      role: input.role ?? null,
      isPrimary: input.isPrimary ?? existing === 0,
    }
    await ctx.tx.insert(contactCompanyLinkEntity, tenantId, [link])
    if (link.isPrimary) await demoteOthers(ctx, contactId, link.id)
    ctx.emit('contact.companyLinked', { link })
    return link
  }

  return {
    /**
     * Links a contact to a company with a role. The first company of a contact becomes its primary one;
     * making a link primary demotes the contact's other primary link.
     * @throws ConflictError when the two are already linked (use `updateCompanyLink`).
     */
    async linkCompany(
      contactId: string,
      companyId: string,
      options: LinkCompanyInput = {},
    ): Promise<ContactCompanyLink> {
      const input = validate(linkInput, options, 'link options')
      return runCommand(deps, tenantId, (ctx) => linkIn(ctx, contactId, companyId, input))
    },

    linkIn,

    findLinkIn: findLink,

    /** Changes a link's role or primary flag. */
    async updateCompanyLink(
      contactId: string,
      companyId: string,
      options: UpdateCompanyLinkInput,
    ): Promise<ContactCompanyLink> {
      const input = validate(linkUpdateInput, options, 'link update')
      return runCommand(deps, tenantId, async (ctx) => {
        const found = await findLink(ctx, contactId, companyId)
        if (!found) throw new NotFoundError('contactCompanyLink', `${contactId}→${companyId}`)
        const current = await loadForChange(ctx, contactCompanyLinkEntity, found.id, input.expectedVersion)
        const changes: Record<string, unknown> = {}
        if (input.role !== undefined) changes.role = input.role
        if (input.isPrimary !== undefined) changes.isPrimary = input.isPrimary
        const written = await writeChanges(ctx, contactCompanyLinkEntity, current, changes)
        if (input.isPrimary === true) await demoteOthers(ctx, contactId, found.id)
        const link = written as unknown as ContactCompanyLink
        ctx.emit('contact.companyLinkUpdated', { link })
        return link
      })
    },

    /** Removes a link. The contact keeps no primary company if this was it. */
    async unlinkCompany(contactId: string, companyId: string): Promise<void> {
      await runCommand(deps, tenantId, async (ctx) => {
        const found = await findLink(ctx, contactId, companyId)
        if (!found) throw new NotFoundError('contactCompanyLink', `${contactId}→${companyId}`)
        await ctx.tx.deleteWhere(contactCompanyLinkEntity, tenantId, {
          kind: 'compare',
          field: field('id'),
          op: 'eq',
          value: found.id,
        })
        ctx.emit('contact.companyUnlinked', { link: found as unknown as ContactCompanyLink })
      })
    },

    /** The companies of a contact, primary first, then by name. */
    async companiesOf(contactId: string): Promise<ContactCompany<CO>[]> {
      const now = deps.clock.now().toISOString()
      const links = await deps.adapter.reader.find(contactCompanyLinkEntity, tenantId, {
        filter: byContact(contactId),
        now,
      })
      const companies = new Map(
        (
          await deps.adapter.reader.getMany(
            companyEntity,
            tenantId,
            links.map((l) => l.companyId),
          )
        ).map((c) => [c.id, c]),
      )
      return links
        .map((link) => ({
          link: link as unknown as ContactCompanyLink,
          company: companies.get(link.companyId) as unknown as Company<CO>,
        }))
        .sort(
          (a, b) =>
            Number(b.link.isPrimary) - Number(a.link.isPrimary) ||
            a.company.name.localeCompare(b.company.name),
        )
    },

    /** The contacts of a company, a page at a time, in the order they were linked. */
    async contactsOf(
      companyId: string,
      options: { limit?: number; cursor?: string | null } = {},
    ): Promise<Page<CompanyContact<CC>>> {
      const query = resolveListQuery(catalog, { ...options, sort: [{ field: 'createdAt' }] }, [], {
        kind: 'compare',
        field: field('companyId'),
        op: 'eq',
        value: companyId,
      })
      const links = await deps.adapter.reader.find(contactCompanyLinkEntity, tenantId, {
        ...(query.filter ? { filter: query.filter } : {}),
        sort: query.sort,
        ...(query.after ? { after: query.after } : {}),
        limit: query.limit + 1,
        now: deps.clock.now().toISOString(),
      })
      const page = toPage(links as StoredRow[], query, (link) => link)
      const contacts = new Map(
        (
          await deps.adapter.reader.getMany(
            contactEntity,
            tenantId,
            page.items.map((l) => l.contactId as string),
          )
        ).map((c) => [c.id, c]),
      )
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((link) => ({
          link: link as unknown as ContactCompanyLink,
          contact: presentContact<CC>(contacts.get(link.contactId as string)!),
        })),
      }
    },
  }
}

/** The contact ↔ company link commands and queries of one tenant. */
export type CompanyLinks = ReturnType<typeof companyLinks>
