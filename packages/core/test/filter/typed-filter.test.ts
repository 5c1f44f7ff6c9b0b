import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import type { TenantCrm } from '../../src/api/tenant-api'
import type { Contact, Deal } from '../../src/entities/records'
import type { Filter } from '../../src/filter/filter-types'
import type { FilterFieldsOf, TypedFilter, UntypedFields } from '../../src/filter/typed-filter'
import { uncheckedFilter, uncheckedSort } from '../../src/filter/unchecked-filter'

type Tiered = Contact<{ tier: 'gold' | 'silver'; score: number; address: { city: string } }>
type ContactFilter = TypedFilter<FilterFieldsOf<Tiered>>

describe('typed filters', () => {
  it('accept the record type’s fields with values of their type', () => {
    const ok: ContactFilter = {
      and: [
        { field: 'custom.tier', op: 'eq', value: 'gold' },
        { field: 'custom.score', op: 'between', value: [1, 5] },
        { field: 'custom.address.city', op: 'startsWith', value: 'Bu' },
        { field: 'lifecycleStage', op: 'in', value: ['lead', 'customer'] },
        { field: 'consent.email.status', op: 'eq', value: 'subscribed' },
        { field: 'createdAt', op: 'inLastDays', value: 30 },
        { field: 'tags', op: 'contains', value: 'vip' },
        { not: { field: 'email', op: 'isSet' } },
        { related: 'purchases', where: { field: 'status', op: 'eq', value: 'paid' } },
        { inSegment: 'vip' },
      ],
    }
    // A typed filter is still a Filter: services take it as it is.
    expectTypeOf(ok).toExtend<Filter>()
  })

  it('refuse unknown fields and values of another type at compile time', () => {
    // @ts-expect-error no such field
    const unknownField: ContactFilter = { field: 'custom.colour', op: 'eq', value: 'red' }
    // @ts-expect-error tier is 'gold' | 'silver'
    const wrongEnum: ContactFilter = { field: 'custom.tier', op: 'eq', value: 'bronze' }
    // @ts-expect-error score is a number
    const wrongType: ContactFilter = { field: 'custom.score', op: 'gt', value: '3' }
    // @ts-expect-error an enum has no order
    const enumOrder: ContactFilter = { field: 'lifecycleStage', op: 'gt', value: 'lead' }
    const dealFilter: TypedFilter<FilterFieldsOf<Deal>> = { field: 'stageKey', op: 'eq', value: 'won' }
    expectTypeOf(dealFilter).toExtend<Filter>()
    expectTypeOf([unknownField, wrongEnum, wrongType, enumOrder]).toBeArray()
  })

  it('accept any custom name when the tenant declared no schema types', () => {
    const loose: TypedFilter<FilterFieldsOf<Contact<Record<string, unknown>>>> = {
      field: 'custom.anything.nested',
      op: 'eq',
      value: 3,
    }
    expectTypeOf(loose).toExtend<Filter>()
  })
})

describe('untyped fields', () => {
  it('make a typed filter that is exactly the Filter type', () => {
    expectTypeOf<Filter>().toExtend<TypedFilter<UntypedFields>>()
    expectTypeOf<TypedFilter<UntypedFields>>().toExtend<Filter>()
  })
})

describe('the tenant API', () => {
  const customFields = {
    contact: z.object({ tier: z.enum(['gold', 'silver']).optional() }),
  }
  type Tenant = TenantCrm<typeof customFields>
  // Only types are checked here: the functions are never called.
  const listGold = (t: Tenant) =>
    t.contacts.list({
      filter: { field: 'custom.tier', op: 'eq', value: 'gold' },
      sort: [{ field: 'rfm.recencyScore', direction: 'desc' }],
    })
  const listBronze = (t: Tenant) =>
    // @ts-expect-error 'bronze' is not a tier
    t.contacts.count({ filter: { field: 'custom.tier', op: 'eq', value: 'bronze' } })
  // @ts-expect-error deals have no email
  const dealsByEmail = (t: Tenant) => t.deals.list({ filter: { field: 'email', op: 'isSet' } })
  // @ts-expect-error companies cannot sort by an unknown field
  const companiesByColour = (t: Tenant) => t.companies.list({ sort: { field: 'colour' } })
  const fromOutside = (t: Tenant, json: unknown) =>
    t.companies.list({ filter: uncheckedFilter(json), sort: uncheckedSort([{ field: 'name' }]) })

  it('types list, count, matches and compileFilter by the record type, with an escape for JSON', () => {
    expectTypeOf(listGold).returns.resolves.toHaveProperty('items')
    expectTypeOf([listBronze, dealsByEmail, companiesByColour, fromOutside]).toBeArray()
  })

  it('marks filters and sorts from outside without changing them', () => {
    const json = { field: 'name', op: 'eq', value: 'Acme' }
    expect(uncheckedFilter(json)).toBe(json)
    expect(uncheckedSort(json)).toBe(json)
  })
})
