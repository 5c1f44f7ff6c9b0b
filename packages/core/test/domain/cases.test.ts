import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CASE_STATUS_TRANSITIONS, caseStatusMove } from '../../src/domain/cases/case-status'
import { CASE_STATUSES } from '../../src/domain/cases/case-vocabulary'
import { rankSimilarCases, searchTermsOf } from '../../src/domain/cases/similar-cases'

describe('case status moves', () => {
  it('working statuses move freely and to solved; solved reopens or closes; closed is final', () => {
    expect(caseStatusMove('new', 'pending')).toEqual({ ok: true, unchanged: false, reopen: false })
    expect(caseStatusMove('onHold', 'solved')).toEqual({ ok: true, unchanged: false, reopen: false })
    expect(caseStatusMove('solved', 'open')).toEqual({ ok: true, unchanged: false, reopen: true })
    expect(caseStatusMove('solved', 'closed')).toMatchObject({ ok: true, reopen: false })
    expect(caseStatusMove('pending', 'pending')).toEqual({ ok: true, unchanged: true, reopen: false })
    expect(caseStatusMove('closed', 'open')).toMatchObject({
      ok: false,
      message: expect.stringContaining('final'),
    })
    expect(caseStatusMove('open', 'closed')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not to closed'),
    })
    expect(caseStatusMove('solved', 'pending')).toMatchObject({ ok: false })
    expect(caseStatusMove('open', 'new')).toMatchObject({ ok: false })
  })

  it('every listed move is allowed and nothing else is; nothing enters new; closed is reached only from solved', () => {
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) {
        const allowed = from === to || CASE_STATUS_TRANSITIONS[from].includes(to)
        expect(caseStatusMove(from, to).ok, `${from} → ${to}`).toBe(allowed)
        if (to === 'new' && from !== 'new') expect(allowed).toBe(false)
        if (to === 'closed' && from !== 'closed') expect(allowed).toBe(from === 'solved')
      }
    }
  })
})

describe('similar cases: search terms', () => {
  it('keeps the telling words, lower-cased, once each, in order', () => {
    expect(searchTermsOf("The laptop won't boot after the update")).toEqual([
      'laptop',
      'won',
      'boot',
      'update',
    ])
    expect(searchTermsOf('Drucker druckt nicht — Fehler E-42, Drucker!')).toEqual([
      'drucker',
      'druckt',
      'nicht',
      'fehler',
      '42',
    ])
    expect(searchTermsOf('a I to of')).toEqual([])
  })

  it('yields only letters and digits, at most 32 terms, never a stopword or a one-letter word', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const terms = searchTermsOf(text)
        expect(terms.length).toBeLessThanOrEqual(32)
        expect(new Set(terms).size).toBe(terms.length)
        for (const term of terms) {
          expect(term).toMatch(/^[\p{L}\p{N}]{2,}$/u)
          expect(['the', 'and', 'or', 'not']).not.toContain(term)
        }
      }),
    )
  })
})

describe('similar cases: ranking', () => {
  const hit = (id: string, rank: number, product: string | null, category: string | null) => ({
    record: { id, product, category },
    rank,
  })

  it('scales text relevance to the best match and adds product (0.25) and category (0.15) matches', () => {
    const ranked = rankSimilarCases(
      { id: 'case_0', product: 'X1 Laptop', category: 'hardware' },
      [
        hit('case_a', 10, 'Z9', 'billing'),
        hit('case_b', 6, 'x1 laptop', 'Hardware'),
        hit('case_c', 8, null, 'hardware'),
        hit('case_0', 12, 'X1 Laptop', 'hardware'),
      ],
      5,
    )
    expect(ranked.map((r) => [r.case.id, Number(r.score.toFixed(4))])).toEqual([
      // 0.6 × 6/12 + 0.25 + 0.15 — the case itself set the best rank but is left out.
      ['case_b', 0.7],
      ['case_c', 0.55],
      ['case_a', 0.5],
    ])
    expect(ranked[0]).toMatchObject({ sameProduct: true, sameCategory: true, textScore: 0.5 })
  })

  it('breaks ties by text relevance, then id, and honours the limit', () => {
    const ranked = rankSimilarCases(
      { id: 'x', product: null, category: null },
      [hit('case_b', 5, null, null), hit('case_a', 5, null, null), hit('case_c', 7, null, null)],
      2,
    )
    expect(ranked.map((r) => r.case.id)).toEqual(['case_c', 'case_a'])
  })
})
