import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contactEntity } from '../../entities/contact-entity'
import type { Contact } from '../../entities/records'
import { buildFieldCatalog, type FilterField } from '../../filter/field-catalog'
import { readFieldValue } from '../../filter/read-field'
import { uncheckedFilter, uncheckedSort } from '../../filter/unchecked-filter'
import { compareCodePoints } from '../../kernel/text'
import { customFieldsFor } from '../../runtime/custom-fields'
import { contactInputArb, filterArb, SORT_FIELDS } from '../arbitraries'
import { freshTenant, propertyRuns, type SuiteContext, suiteCustomFields } from '../test-kit'

const suiteCatalog = buildFieldCatalog(
  contactEntity,
  customFieldsFor('contact', suiteCustomFields.contact).descriptors,
)
function fieldRef(name: string): FilterField {
  return suiteCatalog.fields.get(name)!
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b)
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  return (a as number) - (b as number)
}

/** The filter language on this adapter agrees with the in-memory predicate, for random filters and data. */
export function filtersSuite(ctx: SuiteContext) {
  describe('filter language', () => {
    it('memory and SQL select the same contacts for random filters and random contacts', async () => {
      const runs = propertyRuns(ctx.harness)
      await fc.assert(
        fc.asyncProperty(
          fc.array(contactInputArb, { minLength: 1, maxLength: 12 }),
          filterArb,
          async (inputs, filter) => {
            const t = ctx.crm().tenant(freshTenant('prop'))
            const contacts = await t.contacts.createMany(inputs)
            const page = await t.contacts.list({ filter: uncheckedFilter(filter), limit: 1000 })
            const sql = page.items.map((c) => c.id).sort()
            const memory = contacts
              .filter((c) => t.contacts.matches(c, uncheckedFilter(filter)))
              .map((c) => c.id)
              .sort()
            expect(sql).toEqual(memory)
            expect(await t.contacts.count({ filter: uncheckedFilter(filter) })).toBe(memory.length)
          },
        ),
        { numRuns: runs },
      )
    })

    it('pages in the same order as an in-memory sort, for random sorts, with no row lost or repeated', async () => {
      const runs = Math.max(50, Math.round(propertyRuns(ctx.harness) / 3))
      await fc.assert(
        fc.asyncProperty(
          fc.array(contactInputArb, { minLength: 1, maxLength: 15 }),
          fc.array(
            fc.record({
              field: fc.constantFrom(...SORT_FIELDS),
              direction: fc.constantFrom('asc', 'desc') as fc.Arbitrary<'asc' | 'desc'>,
            }),
            {
              minLength: 1,
              maxLength: 3,
            },
          ),
          fc.integer({ min: 1, max: 4 }),
          async (inputs, sort, limit) => {
            const t = ctx.crm().tenant(freshTenant('sort'))
            const contacts = await t.contacts.createMany(inputs)
            const seen: Contact<unknown>[] = []
            let cursor: string | null = null
            do {
              const page = await t.contacts.list({ sort: uncheckedSort(sort), limit, cursor })
              seen.push(...page.items)
              cursor = page.nextCursor
            } while (cursor)
            const fields = sort.map((s) => ({ ...s, ref: fieldRef(s.field) }))
            const expected = [...contacts].sort((x, y) => {
              for (const f of fields) {
                const a = readFieldValue(x, f.ref)
                const b = readFieldValue(y, f.ref)
                if (a === null && b === null) continue
                // Missing values count as the largest: last ascending, first descending.
                const order = a === null ? 1 : b === null ? -1 : compareValues(a, b)
                if (order !== 0) return f.direction === 'asc' ? order : -order
              }
              return compareCodePoints(x.id, y.id)
            })
            expect(seen.map((c) => c.id)).toEqual(expected.map((c) => c.id))
          },
        ),
        { numRuns: runs },
      )
    })

    it('rejects unknown fields (listing the known ones), wrong operators and wrong values', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const unknown = await t.contacts
        .list({ filter: uncheckedFilter({ field: 'emial', op: 'eq', value: 'x' }) })
        .catch((e) => e)
      expect(unknown.code).toBe('validation')
      expect(unknown.message).toContain('Known fields: id,')
      expect(unknown.issues[0].params.knownFields).toContain('custom.address.city')
      const cases: unknown[] = [
        { field: 'tags', op: 'lt', value: 'a' },
        { field: 'custom.score', op: 'eq', value: '3' },
        { field: 'kind', op: 'eq', value: 'alien' },
        { field: 'createdAt', op: 'gt', value: 'last week' },
        { field: 'createdAt', op: 'inLastDays', value: -1 },
        { field: 'email', op: 'between', value: ['a'] },
        { field: 'email', op: 'isSet', value: 1 },
        { field: 'email', op: 'like', value: 'a%' },
        { and: [{ field: 'email', op: 'eq', value: 'a' }], or: [] },
        { field: 'email', op: 'eq', value: 'a', extra: 1 },
        'email = 1',
        { field: 'custom.address', op: 'eq', value: 'x' },
      ]
      for (const filter of cases) {
        await expect(
          t.contacts.list({ filter: filter as never }),
          JSON.stringify(filter),
        ).rejects.toMatchObject({
          code: 'validation',
        })
      }
      let deep: unknown = { field: 'email', op: 'isSet' }
      for (let i = 0; i < 40; i++) deep = { not: deep }
      await expect(t.contacts.count({ filter: deep as never })).rejects.toMatchObject({ code: 'validation' })
    })

    it('treats hostile values as plain data', async () => {
      const t = ctx.crm().tenant(freshTenant())
      const hostile = "x'); DROP TABLE contacts; --"
      const c = await t.contacts.create({ firstName: hostile, custom: { note: '%' } })
      expect(
        (await t.contacts.list({ filter: { field: 'firstName', op: 'eq', value: hostile } })).items,
      ).toHaveLength(1)
      expect(
        await t.contacts.count({ filter: { field: 'firstName', op: 'contains', value: "'); drop" } }),
      ).toBe(1)
      expect(await t.contacts.count({ filter: { field: 'custom.note', op: 'contains', value: '%' } })).toBe(1)
      expect(await t.contacts.count({ filter: { field: 'firstName', op: 'contains', value: '%' } })).toBe(0)
      expect((await t.contacts.get(c.id)).firstName).toBe(hostile)
    })
  })
}
