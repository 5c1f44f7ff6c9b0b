import { describe, expect, it } from 'vitest'
import type { Filter } from '../../filter/filter-types'
import { FILTER_LIMITS } from '../../filter/resolve-filter'
import { uncheckedFilter } from '../../filter/unchecked-filter'
import { freshTenant, type SuiteContext } from '../test-kit'

const { maxNodes, maxDepth, maxListValues, maxPatternLength, maxTextLength } = FILTER_LIMITS

/** A few contacts whose fields the conditions below hit and miss. */
const PEOPLE = Array.from({ length: 8 }, (_, i) => ({
  firstName: `n${i % 5}`,
  lastName: i % 3 === 0 ? 'Émile' : 'Zoë',
  tags: [`t${i % 4}`, ...(i % 2 === 0 ? ['vip'] : [])],
  lifecycleStage: i % 2 === 0 ? ('lead' as const) : ('customer' as const),
  custom: {
    ...(i === 7 ? {} : { score: i % 7 }),
    note: `note ${i}`,
    since: `2026-0${1 + (i % 3)}-1${i}T10:00:00.000Z`,
    labels: [`l${i % 3}`],
  },
}))

/** The i-th of a varied stream of conditions over text, numbers, instants, lists and JSON fields. */
function conditionAt(i: number): Filter {
  switch (i % 7) {
    case 0:
      return { field: 'custom.score', op: 'eq', value: i % 11 }
    case 1:
      return { field: 'firstName', op: 'eq', value: `n${i % 9}` }
    case 2:
      return { field: 'tags', op: 'contains', value: `t${i % 6}` }
    case 3:
      return { field: 'custom.note', op: 'contains', value: `${i % 10}` }
    case 4:
      return { field: 'custom.since', op: 'lt', value: `2026-0${1 + (i % 3)}-15T00:00:00.000Z` }
    case 5:
      return { field: 'lifecycleStage', op: i % 2 ? 'in' : 'notIn', value: ['lead', 'subscriber'] }
    default:
      return { field: 'custom.labels', op: 'notIn', value: [`l${i % 4}`, 'l9'] }
  }
}

/**
 * A tree of `nodes` nodes reaching the deepest level allowed: 30 levels of and / or with two conditions
 * each, then a `not` over a wide `wideOp` whose conditions sit at level {@link FILTER_LIMITS}.maxDepth.
 */
function deepTree(nodes: number, wideOp: 'and' | 'or'): Filter {
  let next = 0
  const wide = Array.from({ length: nodes - 30 * 3 - 2 }, () => conditionAt(next++))
  let tree: Filter = { not: wideOp === 'or' ? { or: wide } : { and: wide } }
  for (let level = 29; level >= 0; level--) {
    const items: Filter[] = [conditionAt(next++), conditionAt(next++), tree]
    tree = level % 2 === 0 ? { or: items } : { and: items }
  }
  return tree
}

/** Counts the nodes of a raw filter as the limits count them. */
function nodesOf(filter: Filter): number {
  if ('and' in filter) return 1 + filter.and.reduce((n, f) => n + nodesOf(f), 0)
  if ('or' in filter) return 1 + filter.or.reduce((n, f) => n + nodesOf(f), 0)
  if ('not' in filter) return 1 + nodesOf(filter.not)
  return 1
}

/** `count` values that no contact has, then `hit`, as one list. */
function listOf<T>(count: number, noise: (i: number) => T, hit: T): T[] {
  return [...Array.from({ length: count - 1 }, (_, i) => noise(i)), hit]
}

/** Filters at the documented limits run on this adapter, and bad values are refused before any read. */
export function filterLimitsSuite(ctx: SuiteContext) {
  describe('filter limits', () => {
    // Memory and SQL (`list`, and `count` when asked) select the same contacts; returns how many. Each
    // statement of a 2,000-node filter costs a good second on a loaded machine, so count is checked once
    // per shape (the property test checks it for every random filter).
    const agree = async (filter: Filter, { count = false } = {}) => {
      const t = ctx.crm().tenant(freshTenant('limits'))
      const contacts = await t.contacts.createMany(PEOPLE)
      const page = await t.contacts.list({ filter: uncheckedFilter(filter), limit: 100 })
      const matches = t.contacts.compileFilter(uncheckedFilter(filter))
      const memory = contacts.filter((c) => matches(c)).map((c) => c.id)
      expect(page.items.map((c) => c.id).sort()).toEqual(memory.sort())
      if (count) expect(await t.contacts.count({ filter: uncheckedFilter(filter) })).toBe(memory.length)
      return memory.length
    }

    it(`runs a flat or / and of ${maxNodes - 1} conditions`, async () => {
      const conditions = Array.from({ length: maxNodes - 1 }, (_, i) => conditionAt(i + 7))
      const flat = conditions.map((_, i) => ({ field: 'custom.score', op: 'eq', value: 1000 + i }) as Filter)
      flat[1500] = { field: 'custom.score', op: 'eq', value: 3 }
      expect(await agree({ or: flat }, { count: true })).toBe(1)
      expect(await agree({ or: conditions })).toBeGreaterThan(0)
      await agree({ and: conditions })
    })

    it(`runs a tree of ${maxNodes} nodes, ${maxDepth} levels deep`, async () => {
      for (const wideOp of ['or', 'and'] as const) {
        const tree = deepTree(maxNodes, wideOp)
        expect(nodesOf(tree)).toBe(maxNodes)
        await agree(tree, { count: wideOp === 'or' })
      }
      const t = ctx.crm().tenant(freshTenant('limits'))
      const error = await t.contacts
        .count({ filter: uncheckedFilter(deepTree(maxNodes + 1, 'or')) })
        .catch((e) => e)
      expect(error.code).toBe('validation')
      expect(error.message).toContain(`at most ${maxNodes} nodes`)
    })

    it(`runs 70 lists of ${maxListValues} values of every kind, bound without parameter limits`, async () => {
      const lists: Filter[] = []
      for (let i = 0; i < 70; i++) {
        switch (i % 5) {
          case 0:
            lists.push({
              field: 'firstName',
              op: 'in',
              value: listOf(maxListValues, (j) => `x${i}-${j}`, 'n1'),
            })
            break
          case 1:
            lists.push({
              field: 'lastName',
              op: 'notIn',
              value: listOf(maxListValues, (j) => `É${j}`, 'Zoë'),
            })
            break
          case 2:
            lists.push({ field: 'custom.score', op: 'in', value: listOf(maxListValues, (j) => j + 0.5, 1) })
            break
          case 3:
            lists.push({
              field: 'createdAt',
              op: 'notIn',
              value: listOf(
                maxListValues,
                (j) => new Date(Date.UTC(2020, 0, 1, 0, j)).toISOString(),
                '2019-01-01T00:00:00Z',
              ),
            })
            break
          default:
            lists.push({ field: 'tags', op: 'in', value: listOf(maxListValues, (j) => `y${j}`, 't2') })
        }
      }
      // Contact 6 (n1, Émile, t2) is in every list but the scores' (it has 6, the list 1).
      expect(await agree({ and: lists }, { count: true })).toBe(0)
      expect(await agree({ or: lists })).toBe(PEOPLE.length)
      expect(await agree({ and: lists.filter((_, i) => i % 5 !== 2) })).toBe(1)
    })

    it('refuses a filter over the node limit before reading any segment', async () => {
      const t = ctx.crm().tenant(freshTenant('limits'))
      const before = ctx.queries().length
      const many = { or: Array.from({ length: 5000 }, (_, i) => ({ inSegment: `s${i}` })) }
      const error = await t.contacts.count({ filter: many }).catch((e) => e)
      expect(error.code).toBe('validation')
      expect(error.message).toContain(`at most ${maxNodes} nodes`)
      expect(ctx.queries().slice(before)).toEqual([])
      const over = { or: Array.from({ length: maxNodes }, () => ({ field: 'email', op: 'isSet' }) as Filter) }
      await expect(t.contacts.list({ filter: uncheckedFilter(over) })).rejects.toMatchObject({
        code: 'validation',
      })
      expect(ctx.queries().slice(before)).toEqual([])
    })

    it('reads every segment a filter names with one query', async () => {
      const t = ctx.crm().tenant(freshTenant('limits'))
      const people = await t.contacts.createMany(PEOPLE)
      for (let i = 0; i < 50; i++) {
        await t.segments.create({
          key: `s${i}`,
          name: `S${i}`,
          type: 'static',
          memberIds: [people[i % people.length]!.id],
        })
      }
      const before = ctx.queries().length
      const filter = { or: Array.from({ length: 50 }, (_, i) => ({ inSegment: `s${i}` })) }
      expect(await t.contacts.count({ filter })).toBe(PEOPLE.length)
      const reads = ctx
        .queries()
        .slice(before)
        .filter((q) => /\bfrom\s+("?\w+"?\.)?"?\w*segments"?(\s|$)/i.test(q.sql))
      expect(reads).toHaveLength(1)
    })

    it('limits the length of text values, as documented', async () => {
      const t = ctx.crm().tenant(freshTenant('limits'))
      await t.contacts.create({ custom: { note: 'b'.repeat(maxTextLength) } })
      const count = (filter: Filter) => t.contacts.count({ filter: uncheckedFilter(filter) })
      expect(await count({ field: 'custom.note', op: 'contains', value: 'B'.repeat(maxPatternLength) })).toBe(
        1,
      )
      expect(
        await count({ field: 'custom.note', op: 'startsWith', value: 'b'.repeat(maxPatternLength) }),
      ).toBe(1)
      expect(await count({ field: 'custom.note', op: 'eq', value: 'b'.repeat(maxTextLength) })).toBe(1)
      expect(await count({ field: 'custom.note', op: 'in', value: ['x', 'b'.repeat(maxTextLength)] })).toBe(1)
      const tooLong: [Filter, string][] = [
        [{ field: 'firstName', op: 'contains', value: 'a'.repeat(maxPatternLength + 1) }, 'value'],
        [{ field: 'firstName', op: 'contains', value: 'a'.repeat(1_000_000) }, 'value'],
        [{ not: { field: 'email', op: 'startsWith', value: '%'.repeat(maxPatternLength + 1) } }, 'not.value'],
        [{ field: 'custom.note', op: 'eq', value: 'b'.repeat(maxTextLength + 1) }, 'value'],
        [{ field: 'tags', op: 'notIn', value: ['a', 'b'.repeat(maxTextLength + 1)] }, 'value.1'],
      ]
      for (const [filter, path] of tooLong) {
        const error = await count(filter).catch((e) => e)
        expect(error.code, path).toBe('validation')
        expect(error.issues[0].path.join('.')).toBe(path)
      }
    })

    it('refuses fractions and unsafe integers for whole-number fields, as validation', async () => {
      const t = ctx.crm().tenant(freshTenant('limits'))
      await t.contacts.create({ firstName: 'Ada' })
      const bad: [Filter, string][] = [
        [{ field: 'version', op: 'eq', value: 1.5 }, 'value'],
        [{ field: 'version', op: 'between', value: [0, 2 ** 63] }, 'value.1'],
        [{ field: 'version', op: 'in', value: [1, 0.5] }, 'value.1'],
      ]
      for (const [filter, path] of bad) {
        const error = await t.contacts.count({ filter: uncheckedFilter(filter) }).catch((e) => e)
        expect(error.code, path).toBe('validation')
        expect(error.issues[0].path.join('.'), path).toBe(path)
      }
      expect(await t.contacts.count({ filter: { field: 'version', op: 'between', value: [-1, 1] } })).toBe(1)
    })

    it('refuses NUL and unpaired surrogates in filter values, naming the path, before any read', async () => {
      const t = ctx.crm().tenant(freshTenant('limits'))
      await t.contacts.create({ firstName: 'Ada', tags: ['vip'] })
      const before = ctx.queries().length
      const bad: [unknown, string][] = [
        [{ field: 'firstName', op: 'contains', value: '\u0000' }, 'value'],
        [{ field: 'firstName', op: 'eq', value: 'Ad\u0000a' }, 'value'],
        [
          {
            and: [
              { field: 'email', op: 'isSet' },
              { field: 'tags', op: 'in', value: ['vip', '\ud800'] },
            ],
          },
          'and.1.value.1',
        ],
        [{ or: [{ not: { field: 'custom.note', op: 'startsWith', value: 'x\udc00' } }] }, 'or.0.not.value'],
        [{ field: 'lastName', op: 'between', value: ['a', 'z\u0000'] }, 'value.1'],
        [{ inSegment: 'vip\u0000' }, 'inSegment'],
        [{ related: 'purchases', where: { field: 'currency', op: 'eq', value: '\ud83d' } }, 'where.value'],
      ]
      for (const [filter, path] of bad) {
        const error = await t.contacts.list({ filter: uncheckedFilter(filter) }).catch((e) => e)
        expect(error.code, path).toBe('validation')
        expect(error.issues[0].path.join('.'), path).toBe(path)
        expect(() => t.contacts.matches({} as never, uncheckedFilter(filter))).toThrow(/NUL|surrogate/)
      }
      expect(ctx.queries().slice(before)).toEqual([])
      // A valid surrogate pair is text like any other.
      expect(await t.contacts.count({ filter: { field: 'firstName', op: 'neq', value: '😀' } })).toBe(1)
    })
  })
}
