import { describe, expect, it } from 'vitest'
import { contactCompanyLinkEntity } from '../../entities/contact-company-link-entity'
import { freshTenant, type SuiteContext } from '../test-kit'

/** Companies and contact ↔ company links with roles and a primary company. */
export function companiesAndLinksSuite(ctx: SuiteContext) {
  describe('companies and links', () => {
    it('creates, normalises the domain, updates and archives a company', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const acme = await t.companies.create({
        name: 'Acme GmbH',
        domain: 'https://www.ACME.de/impressum',
        employeeCount: 42,
        kind: 'supplier',
        custom: { segment: 'smb', seats: 10 },
      })
      expect(acme).toMatchObject({
        name: 'Acme GmbH',
        domain: 'acme.de',
        kind: 'supplier',
        custom: { segment: 'smb', seats: 10 },
      })
      const updated = await t.companies.update(
        acme.id,
        { employeeCount: 50, custom: { seats: 12 } },
        { expectedVersion: 1 },
      )
      expect(updated).toMatchObject({ version: 2, employeeCount: 50, custom: { segment: 'smb', seats: 12 } })
      await expect(t.companies.create({ name: '  ' })).rejects.toMatchObject({ code: 'validation' })
      await expect(t.companies.create({ name: 'X', custom: { seats: 1.5 } })).rejects.toMatchObject({
        code: 'validation',
      })
      expect(
        (await t.companies.list({ filter: { field: 'kind', op: 'eq', value: 'supplier' } })).items,
      ).toHaveLength(1)
      await t.companies.archive(acme.id)
      expect(await t.companies.count()).toBe(0)
    })

    it('links a contact to several companies; the first becomes primary; primary moves explicitly', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const ada = await t.contacts.create({ firstName: 'Ada' })
      const [a, b] = await t.companies.createMany([{ name: 'Analytical Engines' }, { name: 'Babbage & Co' }])
      const first = await t.contacts.linkCompany(ada.id, a!.id, { role: 'Analyst' })
      expect(first).toMatchObject({
        contactId: ada.id,
        companyId: a!.id,
        role: 'Analyst',
        isPrimary: true,
        version: 1,
      })
      const second = await t.contacts.linkCompany(ada.id, b!.id, { role: 'Advisor' })
      expect(second.isPrimary).toBe(false)
      await t.contacts.updateCompanyLink(ada.id, b!.id, { isPrimary: true })
      const companies = await t.contacts.companies(ada.id)
      expect(companies.map((c) => [c.company.name, c.link.isPrimary, c.link.role])).toEqual([
        ['Babbage & Co', true, 'Advisor'],
        ['Analytical Engines', false, 'Analyst'],
      ])
      const contactsOfA = await t.companies.contacts(a!.id)
      expect(contactsOfA.items.map((c) => c.contact.firstName)).toEqual(['Ada'])
      expect(contactsOfA.items[0]!.contact).not.toHaveProperty('emailNormalized')
    })

    it('refuses a duplicate link, unknown records and archived records, writing nothing', async () => {
      const tenant = freshTenant()
      const t = ctx.crm().tenant(tenant)
      const c = await t.contacts.create({ firstName: 'C' })
      const co = await t.companies.create({ name: 'Co' })
      await t.contacts.linkCompany(c.id, co.id)
      await expect(t.contacts.linkCompany(c.id, co.id)).rejects.toMatchObject({ code: 'conflict' })
      await expect(t.contacts.linkCompany(c.id, 'com_nope')).rejects.toMatchObject({ code: 'notFound' })
      await expect(t.contacts.linkCompany('con_nope', co.id)).rejects.toMatchObject({ code: 'notFound' })
      const archived = await t.companies.create({ name: 'Gone' })
      await t.companies.archive(archived.id)
      await expect(t.contacts.linkCompany(c.id, archived.id)).rejects.toMatchObject({ code: 'invalidState' })
      await expect(t.contacts.linkCompany(c.id, co.id, { role: 5 } as never)).rejects.toMatchObject({
        code: 'validation',
      })
      expect(await ctx.countRows(contactCompanyLinkEntity, tenant)).toBe(1)
    })

    it('unlinks', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const c = await t.contacts.create({ firstName: 'C' })
      const co = await t.companies.create({ name: 'Co' })
      await t.contacts.linkCompany(c.id, co.id)
      await t.contacts.unlinkCompany(c.id, co.id)
      expect(await t.contacts.companies(c.id)).toEqual([])
      await expect(t.contacts.unlinkCompany(c.id, co.id)).rejects.toMatchObject({ code: 'notFound' })
      expect(ctx.events().map((e) => e.type)).toContain('contact.companyUnlinked')
    })

    it('pages through a company with many contacts', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const co = await t.companies.create({ name: 'Big' })
      const people = await t.contacts.createMany(
        Array.from({ length: 7 }, (_, i) => ({ firstName: `P${i}` })),
      )
      for (const p of people) await t.contacts.linkCompany(p.id, co.id)
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page = await t.companies.contacts(co.id, { limit: 3, cursor })
        seen.push(...page.items.map((i) => i.contact.id))
        cursor = page.nextCursor
      } while (cursor)
      expect(seen.sort()).toEqual(people.map((p) => p.id).sort())
    })
  })
}
