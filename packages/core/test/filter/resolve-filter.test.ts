import { describe, expect, it } from 'vitest'
import { contactEntity } from '../../src/entities/contact-entity'
import { ValidationError } from '../../src/errors/rapport-error'
import { buildFieldCatalog } from '../../src/filter/field-catalog'
import { FILTER_LIMITS, resolveFilter } from '../../src/filter/resolve-filter'

const catalog = buildFieldCatalog(contactEntity)

function issuesOf(filter: unknown) {
  try {
    resolveFilter(filter, catalog)
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return (error as ValidationError).issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
  }
  throw new Error('expected a validation error')
}

describe('resolveFilter', () => {
  it('resolves operators to the comparison they mean per field kind', () => {
    expect(resolveFilter({ field: 'tags', op: 'in', value: ['a'] }, catalog)).toMatchObject({
      kind: 'listHas',
      negate: false,
    })
    expect(resolveFilter({ field: 'tags', op: 'contains', value: 'a' }, catalog)).toMatchObject({
      kind: 'listHas',
      values: ['a'],
    })
    expect(resolveFilter({ field: 'email', op: 'contains', value: 'a' }, catalog)).toMatchObject({
      kind: 'text',
    })
    expect(resolveFilter({ field: 'email', op: 'notIn', value: ['a'] }, catalog)).toMatchObject({
      kind: 'member',
      negate: true,
    })
  })

  it('normalises timestamps to canonical UTC', () => {
    expect(
      resolveFilter({ field: 'createdAt', op: 'gt', value: '2026-03-01T10:00:00+01:00' }, catalog),
    ).toMatchObject({
      value: '2026-03-01T09:00:00.000Z',
    })
  })

  it('collects every problem with its path before throwing', () => {
    const issues = issuesOf({
      and: [
        { field: 'nope', op: 'eq', value: 1 },
        { or: [{ field: 'email', op: 'gt', value: 3 }] },
        { field: 'kind', op: 'contains', value: 'c' },
      ],
    })
    expect(issues.map((i) => i.path)).toEqual(['and.0.field', 'and.1.or.0.value', 'and.2.op'])
    expect(issues[0]!.message).toMatch(/Unknown field "nope" on contact\. Known fields: id, version/)
    expect(issues[2]!.message).toMatch(/use one of eq, neq, in, notIn, isSet, isNotSet/)
  })

  it('bounds the size and depth of a filter', () => {
    const wide = {
      or: Array.from({ length: FILTER_LIMITS.maxNodes + 5 }, () => ({ field: 'email', op: 'isSet' })),
    }
    expect(issuesOf(wide)[0]!.message).toMatch(/at most 2000 nodes/)
    expect(
      issuesOf({ field: 'email', op: 'in', value: Array.from({ length: 1001 }, () => 'x') })[0]!.message,
    ).toMatch(/at most 1000/)
  })

  it('accepts empty and/or (match all / match none)', () => {
    expect(resolveFilter({ and: [] }, catalog)).toEqual({ kind: 'and', items: [] })
    expect(resolveFilter({ or: [] }, catalog)).toEqual({ kind: 'or', items: [] })
  })
})
