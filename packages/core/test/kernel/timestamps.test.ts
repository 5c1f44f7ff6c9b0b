import { describe, expect, it } from 'vitest'
import { parseIsoDateTime, timestampInput } from '../../src/kernel/timestamps'

describe('timestampInput: years 1 to 9999', () => {
  it('accepts the first and last instant and the years JavaScript maps to 19xx', () => {
    for (const iso of [
      '0001-01-01T00:00:00.000Z',
      '0099-06-15T10:00:00.000Z',
      '0100-02-28T00:00:00.000Z',
      '1900-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ]) {
      expect(timestampInput.parse(iso)).toBe(iso)
      expect(timestampInput.parse(new Date(Date.parse(iso)))).toBe(iso)
    }
    expect(timestampInput.parse('0001-01-01T01:00:00+01:00')).toBe('0001-01-01T00:00:00.000Z')
  })

  it('refuses year 0, year 10000 and what an offset pushes out of range', () => {
    for (const bad of [
      '0000-12-31T23:59:59.999Z',
      '0001-01-01T00:30:00+01:00',
      '+010000-01-01T00:00:00.000Z',
    ]) {
      expect(timestampInput.safeParse(bad).success).toBe(false)
    }
  })

  it('knows leap years of the first centuries (4 and 400 leap, 100 not)', () => {
    expect(Number.isFinite(parseIsoDateTime('0004-02-29T00:00:00Z'))).toBe(true)
    expect(Number.isFinite(parseIsoDateTime('0400-02-29T00:00:00Z'))).toBe(true)
    expect(Number.isNaN(parseIsoDateTime('0100-02-29T00:00:00Z'))).toBe(true)
    expect(Number.isNaN(parseIsoDateTime('0001-02-29T00:00:00Z'))).toBe(true)
    expect(Number.isNaN(parseIsoDateTime('2026-04-31T00:00:00Z'))).toBe(true)
  })
})
