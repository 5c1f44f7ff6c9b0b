import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { asciiLower, compareCodePoints, printable, textProblem } from '../../src/kernel/text'
import { timestampInput } from '../../src/kernel/timestamps'

describe('compareCodePoints', () => {
  it('orders like a byte comparison of UTF-8 (SQLite BINARY, Postgres COLLATE "C")', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(
          Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))),
        )
      }),
      { numRuns: 2000 },
    )
    expect(compareCodePoints('\u{1D49C}', '\uFF21')).toBeGreaterThan(0)
  })
})

describe('asciiLower', () => {
  it('folds A-Z only', () => {
    expect(asciiLower('ÀBÇ déF')).toBe('ÀbÇ déf')
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(asciiLower(s).length).toBe(s.length)
      }),
    )
  })
})

describe('timestampInput', () => {
  it('normalises offsets and Dates to canonical UTC and refuses out-of-range years', () => {
    expect(timestampInput.parse('2026-01-01T01:00:00+01:00')).toBe('2026-01-01T00:00:00.000Z')
    expect(timestampInput.parse(new Date(0))).toBe('1970-01-01T00:00:00.000Z')
    expect(timestampInput.safeParse('2026-01-01').success).toBe(false)
    expect(timestampInput.safeParse(new Date(Number.NaN)).success).toBe(false)
    expect(timestampInput.safeParse(new Date(Date.UTC(10000, 0, 1))).success).toBe(false)
  })
})

describe('textProblem', () => {
  it('accepts well-formed text, astral characters included', () => {
    for (const ok of ['', 'plain', 'Zoë', '😀 grin', '\u{1D49C}', 'a\uD83D\uDE00b']) {
      expect(textProblem(ok)).toBeUndefined()
    }
  })

  it('names NUL and unpaired surrogates', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/)
    expect(textProblem('a\uD800')).toMatch(/surrogate.*D800 at index 1/)
    expect(textProblem('\uDC00x')).toMatch(/surrogate.*DC00 at index 0/)
    expect(textProblem('\uD800\uD800\uDC00')).toMatch(/index 0/)
    expect(textProblem('\uD83D\uDE00\uDE00')).toMatch(/index 2/)
  })

  it('agrees with String.prototype.isWellFormed and includes("\\u0000")', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const wellFormed = (s as string & { isWellFormed(): boolean }).isWellFormed()
        expect(textProblem(s) === undefined).toBe(wellFormed && !s.includes('\u0000'))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('printable', () => {
  it('escapes NUL and unpaired surrogates, keeps everything else', () => {
    expect(printable('a\u0000b')).toBe('a\\u0000b')
    expect(printable('x\uD800')).toBe('x\\uD800')
    expect(printable('\uDC00y')).toBe('\\uDC00y')
    expect(printable('😀 Zoë')).toBe('😀 Zoë')
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(textProblem(printable(s))).toBeUndefined()
      }),
    )
  })
})
