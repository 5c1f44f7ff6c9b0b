import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONSENT_STATUSES, canContact, leastPermissiveStatus } from '../../src/domain/consent'
import { decideLifecycleMove, LIFECYCLE_STAGES, lifecycleRank } from '../../src/domain/lifecycle'
import { normalizeEmail, normalizePhone } from '../../src/domain/normalize'

describe('decideLifecycleMove', () => {
  it('automatic moves never go backward; explicit moves go anywhere but the same stage', () => {
    const stage = fc.constantFrom(...LIFECYCLE_STAGES)
    fc.assert(
      fc.property(fc.option(stage, { nil: null }), stage, (from, to) => {
        const auto = decideLifecycleMove(from, to, 'automatic')
        const explicit = decideLifecycleMove(from, to, 'explicit')
        if (from === to) {
          expect(auto).toEqual({ move: false, reason: 'sameStage' })
          expect(explicit).toEqual({ move: false, reason: 'sameStage' })
          return
        }
        const forward = from === null || lifecycleRank(to) > lifecycleRank(from)
        expect(auto.move).toBe(forward)
        expect(explicit).toMatchObject({ move: true, direction: forward ? 'forward' : 'backward' })
      }),
    )
  })
})

describe('canContact', () => {
  const base = { archivedAt: null, doNotContact: false, email: 'a@b.c', phone: null, consent: {} }
  it('the least permissive status wins', () => {
    expect(leastPermissiveStatus(['subscribed', undefined])).toBe('notSpecified')
    expect(leastPermissiveStatus(['subscribed', 'unsubscribed', 'notSpecified'])).toBe('unsubscribed')
    expect(leastPermissiveStatus([])).toBe('notSpecified')
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CONSENT_STATUSES), { minLength: 1 }), (statuses) => {
        const worst = leastPermissiveStatus(statuses)
        for (const s of statuses)
          expect(CONSENT_STATUSES.indexOf(worst)).toBeGreaterThanOrEqual(CONSENT_STATUSES.indexOf(s))
      }),
    )
  })
  it('checks archive, do-not-contact, address, then consent', () => {
    expect(
      canContact({ ...base, archivedAt: '2026-01-01T00:00:00.000Z', doNotContact: true }, 'email'),
    ).toEqual({
      allowed: false,
      reason: 'archived',
    })
    expect(canContact({ ...base, doNotContact: true }, 'email')).toEqual({
      allowed: false,
      reason: 'doNotContact',
    })
    expect(canContact(base, 'sms')).toEqual({ allowed: false, reason: 'noAddress' })
    expect(canContact(base, 'email')).toEqual({ allowed: true })
    expect(canContact(base, 'email', { requireOptIn: true })).toEqual({ allowed: false, reason: 'noConsent' })
    const subscribed = {
      status: 'subscribed' as const,
      source: null,
      legalBasis: null,
      capturedAt: '2026-01-01T00:00:00.000Z',
    }
    expect(
      canContact({ ...base, consent: { email: subscribed } }, 'email', {
        requireOptIn: true,
        sharedAddressConsents: [{ ...subscribed, status: 'unsubscribed' }],
      }),
    ).toEqual({ allowed: false, reason: 'unsubscribed' })
  })
})

describe('normalisation', () => {
  it('normalises emails and phones for address matching', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com')
    expect(normalizeEmail('  ')).toBeNull()
    expect(normalizePhone('+49 (30) 123-4567')).toBe('+49301234567')
    expect(normalizePhone('0049 30 1234567')).toBe('+49301234567')
    expect(normalizePhone('030 1234567')).toBe('0301234567')
    expect(normalizePhone('()')).toBeNull()
  })
})
