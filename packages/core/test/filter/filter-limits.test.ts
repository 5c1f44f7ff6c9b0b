import {
  DummyDriver,
  Kysely,
  type SqlBool,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from 'kysely'
import { describe, expect, it } from 'vitest'
import { contactEntity } from '../../src/entities/contact-entity'
import { segmentEntity } from '../../src/entities/segment-entity'
import { ValidationError } from '../../src/errors/rapport-error'
import { buildFieldCatalog } from '../../src/filter/field-catalog'
import { FILTER_LIMITS, resolveFilter, type SegmentLookup } from '../../src/filter/resolve-filter'
import { resolveWithSegments } from '../../src/runtime/segment-filters'
import { joinBalanced } from '../../src/sql/filter-to-sql'
import type { StorageReader } from '../../src/storage/storage-port'

const catalog = buildFieldCatalog(contactEntity)
const { maxNodes, maxDepth, maxPatternLength, maxTextLength } = FILTER_LIMITS

function issuesOf(filter: unknown, segments?: SegmentLookup) {
  try {
    resolveFilter(filter, catalog, segments)
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return (error as ValidationError).issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
  }
  throw new Error('expected a validation error')
}

const isSet = { field: 'email', op: 'isSet' }

describe('filter limits', () => {
  it('accepts exactly the documented node and depth limits', () => {
    expect(() =>
      resolveFilter({ or: Array.from({ length: maxNodes - 1 }, () => isSet) }, catalog),
    ).not.toThrow()
    expect(issuesOf({ or: Array.from({ length: maxNodes }, () => isSet) })).toEqual([
      { path: `or.${maxNodes - 1}`, message: `A filter may have at most ${maxNodes} nodes` },
    ])
    let deep: unknown = isSet
    for (let i = 0; i < maxDepth; i++) deep = { not: deep }
    expect(() => resolveFilter(deep, catalog)).not.toThrow()
    expect(issuesOf({ not: deep })[0]!.message).toBe(`A filter may nest at most ${maxDepth} levels`)
  })

  it('counts nodes before it looks up a single segment', () => {
    let lookups = 0
    const lookup: SegmentLookup = () => {
      lookups++
      return { kind: 'members', entity: 'contact', segmentId: 'seg_x' }
    }
    const many = { or: Array.from({ length: 5000 }, (_, i) => ({ inSegment: `s${i}` })) }
    expect(issuesOf(many, lookup)[0]!.message).toMatch(/at most 2000 nodes/)
    expect(lookups).toBe(0)
  })

  it('limits text values: contains and startsWith to 1,000 characters, others to 10,000', () => {
    const ok = [
      { field: 'email', op: 'contains', value: 'a'.repeat(maxPatternLength) },
      { field: 'email', op: 'eq', value: 'a'.repeat(maxTextLength) },
      { field: 'tags', op: 'contains', value: 'a'.repeat(maxTextLength) },
      { field: 'email', op: 'in', value: ['b', 'a'.repeat(maxTextLength)] },
    ]
    for (const filter of ok) expect(() => resolveFilter(filter, catalog)).not.toThrow()
    expect(issuesOf({ field: 'email', op: 'startsWith', value: 'a'.repeat(maxPatternLength + 1) })).toEqual([
      {
        path: 'value',
        message: `Operator "startsWith" takes text of at most ${maxPatternLength} characters (this has ${maxPatternLength + 1})`,
      },
    ])
    expect(issuesOf({ field: 'email', op: 'contains', value: 'a'.repeat(1_000_000) })[0]!.path).toBe('value')
    expect(issuesOf({ field: 'email', op: 'gt', value: 'a'.repeat(maxTextLength + 1) })[0]!.path).toBe(
      'value',
    )
    expect(
      issuesOf({ not: { field: 'tags', op: 'notIn', value: ['a', 'b', 'c'.repeat(maxTextLength + 1)] } })[0]!
        .path,
    ).toBe('not.value.2')
  })

  it('takes only safe integers for whole-number fields', () => {
    expect(() => resolveFilter({ field: 'version', op: 'gte', value: 2 ** 53 - 1 }, catalog)).not.toThrow()
    for (const value of [1.5, 2 ** 53, -(2 ** 63), Number.NaN]) {
      expect(issuesOf({ field: 'version', op: 'lt', value })[0]!.message).toMatch(/needs a whole number/)
    }
  })

  it('refuses NUL and unpaired surrogates anywhere in a filter, naming the path', () => {
    const cases: [unknown, string][] = [
      [{ field: 'email', op: 'contains', value: '\u0000' }, 'value'],
      [{ and: [isSet, { field: 'email', op: 'in', value: ['a', 'b\ud800'] }] }, 'and.1.value.1'],
      [{ or: [{ not: { field: 'email', op: 'eq', value: '\udc00x' } }] }, 'or.0.not.value'],
      [{ field: 'email', op: 'between', value: ['a', 'z\u0000'] }, 'value.1'],
      [{ field: 'em\u0000ail', op: 'eq', value: 'a' }, 'field'],
      [{ inSegment: 'vip\ud83d' }, 'inSegment'],
      [{ related: 'purchases', where: { field: 'currency', op: 'eq', value: '\u0000' } }, 'where.value'],
    ]
    for (const [filter, path] of cases) {
      const issues = issuesOf(filter)
      expect(issues[0]!.path, path).toBe(path)
      expect(issues[0]!.message).toMatch(/NUL character|unpaired UTF-16 surrogate/)
    }
    // A surrogate pair is an ordinary character.
    expect(() => resolveFilter({ field: 'email', op: 'contains', value: '😀' }, catalog)).not.toThrow()
  })
})

describe('segments named in a filter', () => {
  // A reader that serves segments by id and counts its reads.
  const readerOf = (segments: Record<string, unknown>[]) => {
    const reads: string[][] = []
    const byId = new Map(segments.map((s) => [s.id as string, s]))
    const reader = {
      get: async (_e: unknown, _t: string, id: string) => {
        reads.push([id])
        return byId.get(id)
      },
      getMany: async (_e: unknown, _t: string, ids: readonly string[]) => {
        reads.push([...ids])
        return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)] : []))
      },
    } as unknown as StorageReader
    return { reader, reads }
  }
  const segment = (key: string, extra: Record<string, unknown> = { type: 'static' }) => ({
    id: `${segmentEntity.idPrefix}_${key}`,
    key,
    entity: 'contact',
    ...extra,
  })

  it('reads every segment a filter names with one read per level of references', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `s${i}`)
    const { reader, reads } = readerOf([
      ...keys.map((key) => segment(key)),
      segment('d', { type: 'dynamic', filter: { or: [{ inSegment: 's1' }, { inSegment: 'inner' }] } }),
      segment('inner', { type: 'dynamic', filter: isSet }),
    ])
    const filter = { or: [...keys.map((key) => ({ inSegment: key })), { inSegment: 'd' }] }
    const resolved = await resolveWithSegments(reader, 't1', catalog, filter)
    expect(resolved.kind).toBe('or')
    expect(reads.map((ids) => ids.length)).toEqual([51, 1])
  })

  it('reads no segment for a filter over the limits or with bad text', async () => {
    const { reader, reads } = readerOf([])
    const many = { or: Array.from({ length: 5000 }, (_, i) => ({ inSegment: `s${i}` })) }
    await expect(resolveWithSegments(reader, 't1', catalog, many)).rejects.toMatchObject({
      code: 'validation',
    })
    await expect(resolveWithSegments(reader, 't1', catalog, { inSegment: 'a\u0000' })).rejects.toMatchObject({
      code: 'validation',
    })
    expect(reads).toEqual([])
  })
})

describe('joinBalanced', () => {
  const db = new Kysely<Record<string, never>>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new SqliteIntrospector(k),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  })
  const nesting = (text: string) => {
    let depth = 0
    let max = 0
    for (const c of text) {
      if (c === '(') max = Math.max(max, ++depth)
      if (c === ')') depth--
    }
    return max
  }

  it('keeps 2,000 terms a dozen levels deep, every term once and in order', () => {
    const terms = Array.from({ length: 2000 }, (_, i) => sql<SqlBool>`x = ${i}`)
    const { sql: text, parameters } = joinBalanced(terms, 'or').compile(db)
    expect(parameters).toEqual(terms.map((_, i) => i))
    expect(text.match(/ or /g)).toHaveLength(1999)
    expect(nesting(text)).toBeLessThanOrEqual(12)
    expect(joinBalanced(terms.slice(0, 3), 'and').compile(db).sql).toBe('(x = ? and x = ? and x = ?)')
  })
})
