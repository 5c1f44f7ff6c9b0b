import { describe, expect, it } from 'vitest'
import { isPrototypeKey, jsonValueProblem } from '../../src/kernel/json-value'
import { findTextProblem } from '../../src/kernel/text'

describe('jsonValueProblem', () => {
  it('accepts what JSON round-trips unchanged, undefined properties included', () => {
    const shared = { x: 1 }
    for (const ok of [
      null,
      0,
      -1.5,
      'text 😀',
      true,
      [],
      {},
      { a: [1, 'b', null, { c: false }] },
      [shared, shared],
    ]) {
      expect(jsonValueProblem(ok)).toBeUndefined()
    }
    expect(jsonValueProblem({ a: undefined })).toBeUndefined()
    expect(jsonValueProblem(Object.create(null))).toBeUndefined()
  })

  it('names the path of what JSON cannot hold', () => {
    const cycle: Record<string, unknown> = {}
    cycle.inner = { back: cycle }
    const cases: [unknown, (string | number)[], RegExp][] = [
      [{ a: 1n }, ['a'], /bigint/],
      [{ a: [Number.NaN] }, ['a', 0], /NaN/],
      [[1, Number.NEGATIVE_INFINITY], [1], /-Infinity/],
      [{ f: () => 1 }, ['f'], /function/],
      [{ s: Symbol('x') }, ['s'], /symbol/],
      [[undefined], [0], /undefined/],
      [{ d: new Date(0) }, ['d'], /Date/],
      [{ m: new Map() }, ['m'], /Map/],
      [cycle, ['inner', 'back'], /cycle/],
      [{ t: 'a\u0000' }, ['t'], /NUL/],
      [{ 'k\uD800': 1 }, ['k\uD800'], /surrogate/],
      [JSON.parse('{"a": {"__proto__": 1}}'), ['a', '__proto__'], /Object.prototype/],
      [{ constructor: 1 }, ['constructor'], /Object.prototype/],
    ]
    for (const [value, path, message] of cases) {
      const found = jsonValueProblem(value)
      expect(found?.path).toEqual(path)
      expect(found?.message).toMatch(message)
    }
  })

  it('isPrototypeKey knows the members every object inherits', () => {
    for (const key of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']) {
      expect(isPrototypeKey(key)).toBe(true)
    }
    expect(isPrototypeKey('tier')).toBe(false)
  })
})

describe('findTextProblem', () => {
  it('finds bad text in nested values and keys, skips class instances and cycles', () => {
    expect(findTextProblem({ a: [{ b: 'x\u0000' }] })).toEqual({
      path: ['a', 0, 'b'],
      message: expect.stringMatching(/NUL/),
    })
    expect(findTextProblem({ '\uDC00': 1 })?.path).toEqual(['\uDC00'])
    expect(findTextProblem('\uD800')?.path).toEqual([])
    const cycle: Record<string, unknown> = { ok: 'fine' }
    cycle.self = cycle
    expect(findTextProblem(cycle)).toBeUndefined()
    expect(findTextProblem(new Date(0))).toBeUndefined()
    expect(findTextProblem({ emoji: '😀', n: 1 })).toBeUndefined()
  })
})
