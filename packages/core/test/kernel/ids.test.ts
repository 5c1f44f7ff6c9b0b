import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { monotonicIdGenerator, nanoidGenerator } from '../../src/kernel/ids'

const ID_SHAPE = /^con_[0-9A-Za-z]{20}$/

describe('monotonic ids', () => {
  it('sort in the order they were made, within one millisecond and across a clock that steps back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 2, maxLength: 300 }), (steps) => {
        // A clock that may stand still, move forward or step back between two ids.
        let ms = 1_764_000_000_000
        const clock = () => ms
        const next = monotonicIdGenerator(clock)
        const ids: string[] = []
        for (const step of steps) {
          ms += step % 3 === 0 ? 0 : step % 3 === 1 ? step : -step
          ids.push(next('con'))
        }
        for (const id of ids) expect(id).toMatch(ID_SHAPE)
        expect([...ids].sort()).toEqual(ids)
        expect(new Set(ids).size).toBe(ids.length)
      }),
    )
  })

  it('keeps 10,000 ids made back to back by the default generator in order', () => {
    const ids = Array.from({ length: 10_000 }, () => nanoidGenerator('con'))
    expect([...ids].sort()).toEqual(ids)
  })

  it('carries into the next digit when the random part ends in z', () => {
    const next = monotonicIdGenerator(() => 0)
    const first = next('x')
    let previous = first
    for (let i = 0; i < 200; i++) {
      const id = next('x')
      expect(id > previous).toBe(true)
      previous = id
    }
  })
})
