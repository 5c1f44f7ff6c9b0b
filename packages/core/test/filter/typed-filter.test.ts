import { describe, expectTypeOf, it } from 'vitest'
import type { Contact, Deal } from '../../src/entities/records'
import type { Filter } from '../../src/filter/filter-types'
import type { FilterFieldsOf, TypedFilter, UntypedFields } from '../../src/filter/typed-filter'

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
