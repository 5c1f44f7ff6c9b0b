import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ATTRIBUTION_MODELS,
  type AttributionModel,
  allocateByLargestRemainder,
  attributeDeal,
  type CampaignTouchInput,
  type DealAttribution,
  TOUCH_KINDS,
  type WonDealInput,
} from '../../src/domain/campaigns'
import { ValidationError } from '../../src/errors/rapport-error'

const DAY_MS = 86_400_000
const CLOSE_MS = Date.parse('2026-03-31T00:00:00.000Z')

/** The instant `days` days before the close (negative: after it). */
const daysBeforeClose = (days: number) => new Date(CLOSE_MS - days * DAY_MS).toISOString()

const deal = (overrides: Partial<WonDealInput> = {}): WonDealInput => ({
  dealId: 'deal_1',
  amountMinor: 1_000_000, // 10,000.00 EUR
  currency: 'EUR',
  closedAt: daysBeforeClose(0),
  ...overrides,
})

const touch = (
  campaignId: string,
  days: number,
  extra: Partial<CampaignTouchInput> = {},
): CampaignTouchInput => ({
  campaignId,
  at: daysBeforeClose(days),
  ...extra,
})

/** Credits as `campaignId → amountMinor`, in credit order. */
const amounts = (attribution: DealAttribution) =>
  attribution.credits.map((credit) => [credit.campaignId, credit.amountMinor])

/**
 * The worked journey. Counted, in time order:
 *   0: webinar 28 days before the close
 *   1: ads     14 days before
 *   2: email    7 days before (flagged as the touch that created the opportunity)
 *   3: ads     at the close itself (counts: the close is inclusive)
 * The email touch one day after the close does not count.
 */
const journey: CampaignTouchInput[] = [
  touch('email', -1),
  touch('ads', 0, { kind: 'converted' }),
  touch('email', 7, { kind: 'clicked', opportunityCreated: true }),
  touch('webinar', 28, { kind: 'responded' }),
  touch('ads', 14, { kind: 'clicked' }),
]

describe('attributeDeal: worked examples (10,000.00 EUR = 1,000,000 minor units)', () => {
  it('firstTouch: everything to the earliest touch', () => {
    const result = attributeDeal(deal(), journey, 'firstTouch')
    // webinar is first → 100%; ads and email touched too, so they are listed with zero credit,
    // in the order they first touched the deal.
    expect(result.credits).toEqual([
      { campaignId: 'webinar', weight: 1, amountMinor: 1_000_000 },
      { campaignId: 'ads', weight: 0, amountMinor: 0 },
      { campaignId: 'email', weight: 0, amountMinor: 0 },
    ])
    expect(result).toMatchObject({ dealId: 'deal_1', model: 'firstTouch', currency: 'EUR' })
  })

  it('lastTouch: everything to the latest touch at or before the close', () => {
    // The ads touch at the close is the last counted one; the email touch a day later is ignored.
    expect(amounts(attributeDeal(deal(), journey, 'lastTouch'))).toEqual([
      ['webinar', 0],
      ['ads', 1_000_000],
      ['email', 0],
    ])
  })

  it('linear: each counted touch the same, summed per campaign', () => {
    // 4 touches → 1/4 each: webinar 1/4, ads 2/4, email 1/4 → 250,000 / 500,000 / 250,000.
    const result = attributeDeal(deal(), journey, 'linear')
    expect(result.credits.map((credit) => credit.weight)).toEqual([0.25, 0.5, 0.25])
    expect(amounts(result)).toEqual([
      ['webinar', 250_000],
      ['ads', 500_000],
      ['email', 250_000],
    ])
  })

  it('linear over 3 touches of 100: 33⅓ each, the spare unit to the campaign that touched first', () => {
    // floors 33 + 33 + 33 = 99; one unit left; the remainders (⅓ each) tie, so the first-listed campaign
    // (the earliest toucher, c) gets it: 34 / 33 / 33.
    const touches = [touch('a', 2), touch('b', 1), touch('c', 3)]
    expect(amounts(attributeDeal(deal({ amountMinor: 100 }), touches, 'linear'))).toEqual([
      ['c', 34],
      ['a', 33],
      ['b', 33],
    ])
  })

  it('timeDecay (half-life 7 days): 2^(-age/7), largest remainder settles the last unit', () => {
    // Ages 28, 14, 7, 0 days → weights 2^-4, 2^-2, 2^-1, 2^0 = 1/16, 4/16, 8/16, 16/16; sum 29/16.
    // webinar 1/29; ads (4 + 16)/29 = 20/29; email 8/29.
    // Exact shares: 34,482.758… / 689,655.172… / 275,862.068…
    // Floors 34,482 + 689,655 + 275,862 = 999,999 → 1 unit left → largest remainder .758 (webinar).
    const result = attributeDeal(deal(), journey, 'timeDecay')
    expect(amounts(result)).toEqual([
      ['webinar', 34_483],
      ['ads', 689_655],
      ['email', 275_862],
    ])
    expect(result.credits.map((credit) => credit.weight)).toEqual([1 / 29, 20 / 29, 8 / 29])
  })

  it('timeDecay with a custom half-life', () => {
    // Half-life 1 day; touches 1 day and 0 days before the close → weights 1/2 and 1 → 1/3 and 2/3.
    // Shares 333,333.33… and 666,666.66…; floors sum to 999,999; the larger remainder (.66…, b) gets
    // the unit.
    const touches = [touch('a', 1), touch('b', 0)]
    expect(amounts(attributeDeal(deal(), touches, 'timeDecay', { halfLifeDays: 1 }))).toEqual([
      ['a', 333_333],
      ['b', 666_667],
    ])
  })

  it('uShaped: 40% first, 40% last, 20% spread over the middle', () => {
    // first = webinar 40%, last = ads (at close) 40%, middle ads + email 10% each
    // → webinar 40%, ads 50%, email 10% → 400,000 / 500,000 / 100,000.
    expect(amounts(attributeDeal(deal(), journey, 'uShaped'))).toEqual([
      ['webinar', 400_000],
      ['ads', 500_000],
      ['email', 100_000],
    ])
  })

  it('uShaped rounding tie: 101 over 40/20/40 gives the spare unit to the first campaign', () => {
    // Shares 40.4 / 20.2 / 40.4 → floors 40 + 20 + 40 = 100 → 1 unit left; remainders .4 / .2 / .4 tie
    // between a and c → a, listed first (earlier touch) → 41 / 20 / 40.
    const touches = [touch('a', 3), touch('b', 2), touch('c', 1)]
    expect(amounts(attributeDeal(deal({ amountMinor: 101 }), touches, 'uShaped'))).toEqual([
      ['a', 41],
      ['b', 20],
      ['c', 40],
    ])
  })

  it('wShaped: 30% first, 30% to the opportunity-creating touch, 30% last, 10% over the rest', () => {
    // Keys: webinar (first), email (flagged opportunityCreated, position 2), ads (last, at close).
    // Rest: ads at position 1 → 10%. webinar 30%, ads 30 + 10 = 40%, email 30%.
    expect(amounts(attributeDeal(deal(), journey, 'wShaped'))).toEqual([
      ['webinar', 300_000],
      ['ads', 400_000],
      ['email', 300_000],
    ])
  })

  it('wShaped without a flag uses the lower median touch as the middle key', () => {
    // 4 touches, no flag → middle key at floor((4 - 1) / 2) = position 1 (ads, 14 days before).
    // webinar 30%, ads 30 (position 1) + 30 (last) = 60%, email (rest) 10%.
    const unflagged = journey.map(({ opportunityCreated: _, ...rest }) => rest)
    expect(amounts(attributeDeal(deal(), unflagged, 'wShaped'))).toEqual([
      ['webinar', 300_000],
      ['ads', 600_000],
      ['email', 100_000],
    ])
  })

  it('wShaped ignores a flag on the first or last touch (it already holds a key position)', () => {
    // 5 touches, the flag on the first → middle key falls back to position floor(4 / 2) = 2 (c).
    // a 30%, b 5%, c 30%, d 5%, e 30%.
    const touches = [
      touch('a', 5, { opportunityCreated: true }),
      touch('b', 4),
      touch('c', 3),
      touch('d', 2),
      touch('e', 1),
    ]
    expect(amounts(attributeDeal(deal(), touches, 'wShaped'))).toEqual([
      ['a', 300_000],
      ['b', 50_000],
      ['c', 300_000],
      ['d', 50_000],
      ['e', 300_000],
    ])
  })

  it('primary: everything to the primary campaign, touched or not', () => {
    expect(attributeDeal(deal({ primaryCampaignId: 'tradeshow' }), journey, 'primary').credits).toEqual([
      { campaignId: 'tradeshow', weight: 1, amountMinor: 1_000_000 },
    ])
  })

  it('primary without a primary campaign attributes nothing', () => {
    expect(attributeDeal(deal({ primaryCampaignId: null }), journey, 'primary').credits).toEqual([])
    expect(attributeDeal(deal(), journey, 'primary').credits).toEqual([])
  })
})

describe('attributeDeal: renormalisation with fewer touches than positions', () => {
  const weightsOf = (model: AttributionModel, touches: CampaignTouchInput[]) =>
    attributeDeal(deal(), touches, model).credits.map((credit) => credit.weight)

  it('uShaped: 2 touches → 50/50, 1 touch → 100%', () => {
    // 40 + 40 with no middle to take the 20 → renormalised to 40/80 each.
    expect(weightsOf('uShaped', [touch('a', 2), touch('b', 1)])).toEqual([0.5, 0.5])
    expect(weightsOf('uShaped', [touch('a', 2)])).toEqual([1])
  })

  it('wShaped: 3 touches → ⅓ each, 2 → 50/50, 1 → 100%', () => {
    expect(weightsOf('wShaped', [touch('a', 3), touch('b', 2), touch('c', 1)])).toEqual([1 / 3, 1 / 3, 1 / 3])
    expect(weightsOf('wShaped', [touch('a', 2), touch('b', 1)])).toEqual([0.5, 0.5])
    expect(weightsOf('wShaped', [touch('a', 2)])).toEqual([1])
  })

  it('wShaped over 3 touches of 1,000,000: 333,334 / 333,333 / 333,333', () => {
    // ⅓ each → floors 333,333 × 3 = 999,999 → remainders tie → the first campaign gets the unit.
    const touches = [touch('a', 3), touch('b', 2), touch('c', 1)]
    expect(amounts(attributeDeal(deal(), touches, 'wShaped'))).toEqual([
      ['a', 333_334],
      ['b', 333_333],
      ['c', 333_333],
    ])
  })
})

describe('attributeDeal: edge cases', () => {
  it.each(ATTRIBUTION_MODELS.filter((model) => model !== 'primary'))(
    '%s attributes nothing without touches at or before the close',
    (model) => {
      expect(attributeDeal(deal(), [], model).credits).toEqual([])
      expect(attributeDeal(deal(), [touch('a', -0.001)], model).credits).toEqual([])
    },
  )

  it('a touch at exactly the close counts', () => {
    expect(amounts(attributeDeal(deal(), [touch('a', 0)], 'linear'))).toEqual([['a', 1_000_000]])
  })

  it('a zero amount attributes zero to every campaign', () => {
    const result = attributeDeal(deal({ amountMinor: 0 }), journey, 'linear')
    expect(amounts(result)).toEqual([
      ['webinar', 0],
      ['ads', 0],
      ['email', 0],
    ])
  })

  it('accepts Date instances and offsets, comparing instants not strings', () => {
    const withOffset = attributeDeal(
      deal({ closedAt: new Date(CLOSE_MS) }),
      [{ campaignId: 'a', at: '2026-03-31T01:00:00+02:00' }], // 23:00Z the day before: counts
      'linear',
    )
    expect(amounts(withOffset)).toEqual([['a', 1_000_000]])
  })

  it('touches far before the close still share the deal under a short half-life', () => {
    // 2^(-3650 / 0.01) underflows to 0; weights are taken relative to the latest touch, so it gets 100%
    // and nothing becomes NaN.
    const result = attributeDeal(deal(), [touch('a', 3651), touch('b', 3650)], 'timeDecay', {
      halfLifeDays: 0.01,
    })
    expect(amounts(result)).toEqual([
      ['a', 0],
      ['b', 1_000_000],
    ])
  })
})

describe('attributeDeal: validation', () => {
  const expectValidationError = (run: () => unknown) => {
    let thrown: unknown
    try {
      run()
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ValidationError)
    expect((thrown as ValidationError).code).toBe('validation')
    return thrown as ValidationError
  }

  it('refuses a negative, fractional or unsafe amount', () => {
    const error = expectValidationError(() => attributeDeal(deal({ amountMinor: -1 }), journey, 'linear'))
    expect(error.message).toMatch(/deal\.amountMinor/)
    expectValidationError(() => attributeDeal(deal({ amountMinor: 10.5 }), journey, 'linear'))
    expectValidationError(() => attributeDeal(deal({ amountMinor: 2 ** 53 }), journey, 'linear'))
  })

  it.each([0, -7, Number.NaN, Number.POSITIVE_INFINITY])('refuses the half-life %s', (halfLifeDays) => {
    const error = expectValidationError(() => attributeDeal(deal(), journey, 'timeDecay', { halfLifeDays }))
    expect(error.message).toMatch(/options\.halfLifeDays/)
  })

  it('refuses an unknown model', () => {
    const error = expectValidationError(() =>
      attributeDeal(deal(), journey, 'lastNonDirect' as unknown as AttributionModel),
    )
    expect(error.message).toMatch(/model/)
  })

  it('refuses a misspelt option, a bad timestamp, a bad currency and an empty campaign id', () => {
    expectValidationError(() =>
      attributeDeal(deal(), journey, 'timeDecay', { halfLife: 3 } as unknown as { halfLifeDays: number }),
    )
    expectValidationError(() => attributeDeal(deal({ closedAt: 'last Tuesday' }), journey, 'linear'))
    expectValidationError(() => attributeDeal(deal(), [{ campaignId: 'a', at: '2026-02-30' }], 'linear'))
    expectValidationError(() => attributeDeal(deal({ currency: 'euro' }), journey, 'linear'))
    expectValidationError(() => attributeDeal(deal(), [touch('', 1)], 'linear'))
  })
})

describe('allocateByLargestRemainder', () => {
  it('splits by largest remainder with ties to the first part', () => {
    expect(allocateByLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(allocateByLargestRemainder(10, [0.5, 0.25, 0.25])).toEqual([5, 3, 2])
    // Shares 1.4 / 1.4 / 0.2 → floors 1 + 1 + 0 = 2 → 1 left → remainders .4 / .4 / .2 → first.
    expect(allocateByLargestRemainder(3, [7, 7, 1])).toEqual([2, 1, 0])
    expect(allocateByLargestRemainder(0, [1, 2])).toEqual([0, 0])
  })

  it('is exact at the largest safe total', () => {
    // 2^53 − 1 = 3 × 3,002,399,751,580,330 + 1 → the spare unit goes to the first part.
    expect(allocateByLargestRemainder(Number.MAX_SAFE_INTEGER, [1, 1, 1])).toEqual([
      3_002_399_751_580_331, 3_002_399_751_580_330, 3_002_399_751_580_330,
    ])
  })

  it('refuses weights that are all zero or negative, and a fractional total', () => {
    expect(() => allocateByLargestRemainder(10, [0, 0])).toThrow(ValidationError)
    expect(() => allocateByLargestRemainder(10, [1, -1])).toThrow(ValidationError)
    expect(() => allocateByLargestRemainder(1.5, [1])).toThrow(ValidationError)
  })

  it('parts sum to the total and each is its exact share rounded down or up', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.nat(10_000), fc.maxSafeNat()),
        fc.array(fc.oneof(fc.nat(100), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 12,
        }),
        (total, weights) => {
          fc.pre(weights.some((weight) => weight > 0))
          const parts = allocateByLargestRemainder(total, weights)
          expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total)
          const weightSum = weights.reduce((sum, weight) => sum + weight, 0)
          parts.forEach((part, index) => {
            expect(Number.isSafeInteger(part) && part >= 0).toBe(true)
            const share = (total * weights[index]!) / weightSum
            // Within one unit of the exact share (float slack for huge totals).
            expect(Math.abs(part - share)).toBeLessThanOrEqual(1 + total * 1e-12)
          })
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('attributeDeal: properties', () => {
  const campaignIdArb = fc.constantFrom('a', 'b', 'c', 'd', 'e')
  // Minutes before the close: mostly before it, some after, some exactly at it, and often the same few
  // instants, so ties in time (and in time and campaign) are common and the tie-breaks get exercised.
  const minutesBeforeCloseArb = fc.oneof(
    { arbitrary: fc.integer({ min: -3 * 24 * 60, max: 60 * 24 * 60 }), weight: 1 },
    { arbitrary: fc.constantFrom(0, 60, 24 * 60, 2 * 24 * 60), weight: 2 },
  )
  const touchArb = fc.record(
    {
      campaignId: campaignIdArb,
      minutes: minutesBeforeCloseArb,
      kind: fc.constantFrom(...TOUCH_KINDS),
      opportunityCreated: fc.boolean(),
    },
    { requiredKeys: ['campaignId', 'minutes'] },
  )
  const touchesArb = fc.array(touchArb, { maxLength: 25 }).map((touches) =>
    touches.map(({ minutes, ...rest }) => ({
      ...rest,
      at: new Date(CLOSE_MS - minutes * 60_000).toISOString(),
    })),
  )
  // Few campaigns at few instants with random flags: touches equal in time and campaign but not in flag,
  // where only the flag can order them.
  const crowdedTouchesArb = fc.array(
    fc.record({
      campaignId: fc.constantFrom('a', 'b'),
      at: fc.constantFrom(0, 1, 2).map(daysBeforeClose),
      opportunityCreated: fc.boolean(),
    }),
    { minLength: 3, maxLength: 8 },
  )
  const amountArb = fc.oneof(fc.nat(10_000_000), fc.maxSafeNat(), fc.constant(0))
  const modelArb = fc.constantFrom(...ATTRIBUTION_MODELS)
  const primaryArb = fc.option(campaignIdArb, { nil: null })
  const halfLifeArb = fc.double({ min: 0.01, max: 365, noNaN: true })

  const eligibleCount = (touches: CampaignTouchInput[]) =>
    touches.filter((t) => Date.parse(t.at as string) <= CLOSE_MS).length

  it('amounts are non-negative integers summing exactly to the deal amount; weights sum to 1', () => {
    fc.assert(
      fc.property(
        amountArb,
        touchesArb,
        modelArb,
        primaryArb,
        halfLifeArb,
        (amountMinor, touches, model, primaryCampaignId, halfLifeDays) => {
          const result = attributeDeal(deal({ amountMinor, primaryCampaignId }), touches, model, {
            halfLifeDays,
          })
          const expectsCredit = model === 'primary' ? primaryCampaignId !== null : eligibleCount(touches) > 0
          expect(result.credits.length > 0).toBe(expectsCredit)
          if (!expectsCredit) return
          let amountSum = 0
          let weightSum = 0
          for (const credit of result.credits) {
            expect(Number.isSafeInteger(credit.amountMinor) && credit.amountMinor >= 0).toBe(true)
            expect(credit.weight).toBeGreaterThanOrEqual(0)
            expect(credit.weight).toBeLessThanOrEqual(1 + 1e-12)
            expect(Math.abs(credit.amountMinor - credit.weight * amountMinor)).toBeLessThanOrEqual(
              1 + amountMinor * 1e-12,
            )
            amountSum += credit.amountMinor
            weightSum += credit.weight
          }
          expect(amountSum).toBe(amountMinor)
          expect(Math.abs(weightSum - 1)).toBeLessThan(1e-9)
          expect(new Set(result.credits.map((credit) => credit.campaignId)).size).toBe(result.credits.length)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('shuffling the touches never changes the attribution', () => {
    const shuffledArb = fc
      .oneof(touchesArb, crowdedTouchesArb)
      .chain((touches) =>
        fc.tuple(
          fc.constant(touches),
          fc.shuffledSubarray(touches, { minLength: touches.length, maxLength: touches.length }),
        ),
      )
    fc.assert(
      fc.property(
        amountArb,
        shuffledArb,
        modelArb,
        halfLifeArb,
        (amountMinor, [touches, shuffled], model, halfLifeDays) => {
          const options = { halfLifeDays }
          expect(attributeDeal(deal({ amountMinor }), shuffled, model, options)).toEqual(
            attributeDeal(deal({ amountMinor }), touches, model, options),
          )
        },
      ),
      { numRuns: 500 },
    )
  })

  it('touches after the close never change the attribution', () => {
    const lateTouchArb = fc.record({
      campaignId: campaignIdArb,
      at: fc.integer({ min: 1, max: 10 * DAY_MS }).map((ms) => new Date(CLOSE_MS + ms).toISOString()),
    })
    fc.assert(
      fc.property(
        amountArb,
        touchesArb,
        fc.array(lateTouchArb, { maxLength: 5 }),
        modelArb,
        (amountMinor, touches, late, model) => {
          expect(attributeDeal(deal({ amountMinor }), [...touches, ...late], model)).toEqual(
            attributeDeal(deal({ amountMinor }), touches, model),
          )
        },
      ),
      { numRuns: 300 },
    )
  })

  it('a zero amount attributes zero everywhere', () => {
    fc.assert(
      fc.property(touchesArb, modelArb, primaryArb, (touches, model, primaryCampaignId) => {
        const result = attributeDeal(deal({ amountMinor: 0, primaryCampaignId }), touches, model)
        expect(result.credits.every((credit) => credit.amountMinor === 0)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('positional models renormalise to equal shares when every touch holds a key position', () => {
    // Distinct campaigns at distinct times: uShaped with 1–2 touches and wShaped with 1–3 give 1/n each.
    const distinctTouchesArb = (maxLength: number) =>
      fc.uniqueArray(fc.integer({ min: 0, max: 90 * 24 * 60 }), { minLength: 1, maxLength }).map((minutes) =>
        minutes.map((minute, index) => ({
          campaignId: `c${index}`,
          at: new Date(CLOSE_MS - minute * 60_000).toISOString(),
        })),
      )
    const cases = fc.oneof(
      fc.tuple(fc.constant<AttributionModel>('uShaped'), distinctTouchesArb(2)),
      fc.tuple(fc.constant<AttributionModel>('wShaped'), distinctTouchesArb(3)),
    )
    fc.assert(
      fc.property(cases, ([model, touches]) => {
        const { credits } = attributeDeal(deal(), touches, model)
        expect(credits).toHaveLength(touches.length)
        for (const credit of credits) expect(credit.weight).toBeCloseTo(1 / touches.length, 12)
      }),
      { numRuns: 300 },
    )
  })

  it('every touch model gives one campaign that made every counted touch 100%', () => {
    fc.assert(
      fc.property(
        amountArb,
        fc.array(
          minutesBeforeCloseArb.filter((minutes) => minutes >= 0),
          { minLength: 1, maxLength: 10 },
        ),
        modelArb.filter((model) => model !== 'primary'),
        (amountMinor, minutes, model) => {
          const touches = minutes.map((minute) => ({
            campaignId: 'solo',
            at: new Date(CLOSE_MS - minute * 60_000).toISOString(),
          }))
          expect(attributeDeal(deal({ amountMinor }), touches, model).credits).toEqual([
            { campaignId: 'solo', weight: 1, amountMinor },
          ])
        },
      ),
      { numRuns: 300 },
    )
  })
})
