import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contactEntity } from '../../src/entities/contact-entity'
import { compilePredicate, type PredicateContext } from '../../src/filter/compile-predicate'
import { buildFieldCatalog, type FilterField } from '../../src/filter/field-catalog'
import { readFieldValue } from '../../src/filter/read-field'
import { resolveFilter } from '../../src/filter/resolve-filter'
import type { ResolvedFilter } from '../../src/filter/resolved-filter'
import { asciiLower, compareCodePoints } from '../../src/kernel/text'
import { DAY_MS } from '../../src/kernel/timestamps'
import { customFieldsFor } from '../../src/runtime/custom-fields'
import { contactInputArb, filterArb } from '../../src/testing/arbitraries'
import { suiteCustomFields } from '../../src/testing/test-kit'

const catalog = buildFieldCatalog(
  contactEntity,
  customFieldsFor('contact', suiteCustomFields.contact).descriptors,
)
const NOW = '2026-03-02T09:00:00.000Z'

/** A plain interpreter written from DOMAIN.md, independent of the code generator. */
function reference(node: ResolvedFilter, record: object, context: PredicateContext = {}): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.every((i) => reference(i, record, context))
    case 'or':
      return node.items.some((i) => reference(i, record, context))
    case 'not':
      return !reference(node.item, record, context)
    case 'inSegment':
      return context.isMember!(node.segmentId, (record as { id: string }).id)
    case 'related': {
      const timeField = node.relation.target.fields.get(node.relation.def.timeField)!
      const low =
        node.withinDays === undefined
          ? null
          : new Date(Date.parse(NOW) - node.withinDays * DAY_MS).toISOString()
      const matching = (context.related?.[node.relation.name] ?? []).filter((item) => {
        const t = readFieldValue(item, timeField)
        if (low !== null && (typeof t !== 'string' || t < low || t > NOW)) return false
        return node.where ? reference(node.where, item, context) : true
      })
      const values = node.field
        ? matching.map((m) => readFieldValue(m, node.field!)).filter((v) => v !== null)
        : []
      let aggregate: number | string | null
      if (node.fn === 'count') aggregate = matching.length
      else if (node.fn === 'sum') aggregate = (values as number[]).reduce((a, b) => a + b, 0)
      else if (values.length === 0) aggregate = null
      else
        aggregate = [...(values as (number | string)[])]
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
          .at(node.fn === 'min' ? 0 : -1)!
      if (aggregate === null) return false
      const c = aggregate < node.value ? -1 : aggregate > node.value ? 1 : 0
      return { eq: c === 0, neq: c !== 0, lt: c < 0, lte: c <= 0, gt: c > 0, gte: c >= 0 }[node.op]
    }
  }
  const v = node.field.via
    ? (((context.related?.[node.field.via.relation] ?? [])[0] as Record<string, unknown> | undefined)?.[
        node.field.property
      ] ?? null)
    : readFieldValue(record, node.field)
  const present = node.field.kind === 'list' ? Array.isArray(v) && v.length > 0 : v !== null
  const cmp = (a: unknown, b: unknown) =>
    typeof a === 'string' ? compareCodePoints(a, b as string) : (a as number) - (b as number)
  switch (node.kind) {
    case 'present':
      return node.negate ? !present : present
    case 'compare':
      if (!present) return false
      if (node.op === 'eq') return v === node.value
      if (node.op === 'neq') return v !== node.value
      return {
        lt: (c: number) => c < 0,
        lte: (c: number) => c <= 0,
        gt: (c: number) => c > 0,
        gte: (c: number) => c >= 0,
      }[node.op](cmp(v, node.value))
    case 'member':
      return present && node.values.includes(v as never) !== node.negate
    case 'between':
      return present && cmp(v, node.low) >= 0 && cmp(v, node.high) <= 0
    case 'text': {
      if (!present) return false
      const hay = asciiLower(v as string)
      const needle = asciiLower(node.value)
      return node.op === 'contains' ? hay.includes(needle) : hay.startsWith(needle)
    }
    case 'listHas': {
      if (!present) return false
      const any = (v as unknown[]).some((x) => node.values.includes(x as never))
      return node.negate ? !any : any
    }
    case 'relativeTime': {
      if (!present) return false
      if (node.field.kind === 'date') {
        const bound = new Date(Date.parse(NOW) - node.days * DAY_MS).toISOString().slice(0, 10)
        const today = NOW.slice(0, 10)
        return node.op === 'inLastDays'
          ? (v as string) >= bound && (v as string) <= today
          : (v as string) < bound
      }
      const t = Date.parse(v as string)
      const bound = Date.parse(NOW) - node.days * DAY_MS
      return node.op === 'inLastDays' ? t >= bound && t <= Date.parse(NOW) : t < bound
    }
  }
}

function record(input: Record<string, unknown>): object {
  return { id: 'con_1', createdAt: NOW, consent: {}, custom: {}, tags: [], ...input }
}

describe('compilePredicate', () => {
  it('agrees with a reference interpreter on random filters and records', () => {
    fc.assert(
      fc.property(contactInputArb, filterArb, (input, filter) => {
        const resolved = resolveFilter(filter, catalog)
        const r = record(input as Record<string, unknown>)
        expect(compilePredicate(resolved).at(NOW)(r)).toBe(reference(resolved, r))
      }),
      { numRuns: 2000 },
    )
  })

  it('a missing value never matches a comparison; only isNotSet matches it', () => {
    const r = record({ firstName: null })
    const test = (filter: object) => compilePredicate(resolveFilter(filter, catalog)).at(NOW)(r)
    for (const op of ['eq', 'neq', 'lt', 'gt', 'contains', 'startsWith']) {
      expect(test({ field: 'firstName', op, value: 'x' }), op).toBe(false)
    }
    expect(test({ field: 'firstName', op: 'notIn', value: ['x'] })).toBe(false)
    expect(test({ field: 'firstName', op: 'isNotSet' })).toBe(true)
    expect(test({ not: { field: 'firstName', op: 'eq', value: 'x' } })).toBe(true)
  })

  it('values of the wrong type in custom JSON count as missing', () => {
    const r = record({ custom: { score: '7', address: 'not an object' } })
    const test = (filter: object) => compilePredicate(resolveFilter(filter, catalog)).at(NOW)(r)
    expect(test({ field: 'custom.score', op: 'isSet' })).toBe(false)
    expect(test({ field: 'custom.address.city', op: 'isNotSet' })).toBe(true)
  })

  it('case-insensitive text matching folds A-Z only, and treats % and _ literally', () => {
    const test = (value: string, op: string, needle: string) =>
      compilePredicate(resolveFilter({ field: 'firstName', op, value: needle }, catalog)).at(NOW)(
        record({ firstName: value }),
      )
    expect(test('ADA', 'contains', 'da')).toBe(true)
    expect(test('ÉMILE', 'contains', 'é')).toBe(false)
    expect(test('émile', 'startsWith', 'ÉM')).toBe(false)
    expect(test('a%b', 'contains', '%')).toBe(true)
    expect(test('ab', 'contains', '_')).toBe(false)
  })

  it('never puts values into the generated source', () => {
    const evil = "'); throw new Error('injected'); ('"
    const match = compilePredicate(resolveFilter({ field: 'firstName', op: 'eq', value: evil }, catalog)).at(
      NOW,
    )
    expect(match(record({ firstName: evil }))).toBe(true)
    expect(match(record({ firstName: 'x' }))).toBe(false)
  })

  it('relative days are 24-hour periods ending now', () => {
    const at = (iso: string) => record({ custom: { since: iso } })
    const inLast = compilePredicate(
      resolveFilter({ field: 'custom.since', op: 'inLastDays', value: 1 }, catalog),
    ).at(NOW)
    expect(inLast(at('2026-03-01T09:00:00.000Z'))).toBe(true)
    expect(inLast(at('2026-03-01T08:59:59.999Z'))).toBe(false)
    expect(inLast(at('2026-03-02T09:00:00.001Z'))).toBe(false)
  })
})

describe('field catalog', () => {
  it('exposes standard, JSON-path and custom fields, hides internal ones', () => {
    const names = [...catalog.fields.keys()]
    expect(names).toEqual(
      expect.arrayContaining(['id', 'email', 'consent.email.status', 'custom.address.city', 'custom.labels']),
    )
    expect(names).not.toContain('emailNormalized')
    expect(catalog.internalFields.has('emailNormalized')).toBe(true)
    expect(catalog.fields.get('custom.labels')).toMatchObject({
      kind: 'list',
      elementKind: 'string',
      path: ['labels'],
    } satisfies Partial<FilterField>)
    expect(catalog.fields.get('custom.since')?.kind).toBe('timestamp')
  })
})
