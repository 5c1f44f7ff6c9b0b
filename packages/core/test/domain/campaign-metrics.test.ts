import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addCampaignTotals,
  type CampaignMetrics,
  type CampaignTotals,
  campaignMetrics,
  EMPTY_CAMPAIGN_TOTALS,
  type HierarchyCampaignInput,
  MAX_CAMPAIGN_LEVELS,
  rollUpCampaignHierarchy,
} from '../../src/domain/campaigns'
import { ValidationError } from '../../src/errors/rapport-error'

const totals = (overrides: Partial<CampaignTotals> = {}): CampaignTotals => ({
  ...EMPTY_CAMPAIGN_TOTALS,
  ...overrides,
})

const RATIO_KEYS = [
  'roi',
  'roas',
  'costPerLeadMinor',
  'costPerResponseMinor',
  'costPerAcquisitionMinor',
  'responseRate',
  'leadConversionRate',
  'budgetUtilisation',
] as const satisfies readonly (keyof CampaignMetrics)[]

/** Totals biased toward zeros, so zero denominators come up often. */
const countArb = fc.oneof(fc.constant(0), fc.nat(1_000), fc.nat(1_000_000_000))
const totalsArb: fc.Arbitrary<CampaignTotals> = fc.record({
  actualCostMinor: countArb,
  budgetedCostMinor: fc.option(countArb, { nil: null }),
  attributedRevenueMinor: countArb,
  sent: countArb,
  responses: countArb,
  leads: countArb,
  convertedLeads: countArb,
  wonDeals: countArb,
  pipelineInfluencedMinor: countArb,
})

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

describe('campaignMetrics', () => {
  it('computes every metric of a worked example', () => {
    const input = totals({
      actualCostMinor: 200_000, // 2,000.00 EUR spent
      budgetedCostMinor: 250_000, // 2,500.00 EUR budgeted
      attributedRevenueMinor: 900_000, // 9,000.00 EUR won revenue attributed
      sent: 1_000,
      responses: 50,
      leads: 20,
      convertedLeads: 5,
      wonDeals: 2,
      pipelineInfluencedMinor: 3_000_000,
    })
    expect(campaignMetrics(input)).toEqual({
      ...input, // raw sums passed through
      roi: 3.5, // (900,000 − 200,000) / 200,000
      roas: 4.5, // 900,000 / 200,000
      costPerLeadMinor: 10_000, // 200,000 / 20 leads = 100.00 EUR
      costPerResponseMinor: 4_000, // 200,000 / 50 responses
      costPerAcquisitionMinor: 100_000, // 200,000 / 2 won deals
      responseRate: 0.05, // 50 / 1,000
      leadConversionRate: 0.25, // 5 / 20
      budgetUtilisation: 0.8, // 200,000 / 250,000
    })
  })

  it('gives a negative ROI for a loss and fractional cost ratios', () => {
    const metrics = campaignMetrics(totals({ actualCostMinor: 1_000, attributedRevenueMinor: 250, leads: 3 }))
    expect(metrics.roi).toBe(-0.75) // (250 − 1,000) / 1,000
    expect(metrics.roas).toBe(0.25) // 250 / 1,000
    expect(metrics.costPerLeadMinor).toBeCloseTo(333.333_333, 5) // 1,000 / 3
  })

  it('gives null, never Infinity or NaN, for every zero denominator', () => {
    expect(
      campaignMetrics(totals({ attributedRevenueMinor: 500, responses: 4, convertedLeads: 1 })),
    ).toMatchObject({
      roi: null, // cost 0
      roas: null, // cost 0
      costPerLeadMinor: null, // 0 leads
      costPerResponseMinor: 0, // 0 / 4 responses is a real zero, not null
      costPerAcquisitionMinor: null, // 0 won deals
      responseRate: null, // 0 sent
      leadConversionRate: null, // 0 leads
      budgetUtilisation: null, // no budget
    })
    expect(
      campaignMetrics(totals({ actualCostMinor: 10, budgetedCostMinor: 0 })).budgetUtilisation,
    ).toBeNull()
  })

  it('refuses negative, fractional or missing totals', () => {
    const error = expectValidationError(() => campaignMetrics(totals({ actualCostMinor: -1 })))
    expect(error.message).toMatch(/actualCostMinor/)
    expectValidationError(() => campaignMetrics(totals({ leads: 1.5 })))
    expectValidationError(() =>
      campaignMetrics({ ...totals(), sent: undefined } as unknown as CampaignTotals),
    )
  })

  it('every ratio is a finite number, or null exactly when its denominator is zero', () => {
    fc.assert(
      fc.property(totalsArb, (input) => {
        const metrics = campaignMetrics(input)
        for (const key of RATIO_KEYS) {
          const value = metrics[key]
          if (value !== null) expect(Number.isFinite(value)).toBe(true)
        }
        expect(metrics.roi === null).toBe(input.actualCostMinor === 0)
        expect(metrics.roas === null).toBe(input.actualCostMinor === 0)
        expect(metrics.costPerLeadMinor === null).toBe(input.leads === 0)
        expect(metrics.costPerResponseMinor === null).toBe(input.responses === 0)
        expect(metrics.costPerAcquisitionMinor === null).toBe(input.wonDeals === 0)
        expect(metrics.responseRate === null).toBe(input.sent === 0)
        expect(metrics.leadConversionRate === null).toBe(input.leads === 0)
        expect(metrics.budgetUtilisation === null).toBe(!input.budgetedCostMinor)
        if (metrics.roi !== null) expect(metrics.roi).toBeCloseTo(metrics.roas! - 1, 9)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('rollUpCampaignHierarchy', () => {
  it('rolls a three-level hierarchy up (worked example)', () => {
    // launch
    // ├── ads             (no budget of its own)
    // │   └── retargeting
    // └── email
    const rollups = rollUpCampaignHierarchy([
      {
        campaignId: 'retargeting',
        parentId: 'ads',
        totals: totals({ actualCostMinor: 10_000, budgetedCostMinor: 20_000, leads: 2, wonDeals: 1 }),
      },
      {
        campaignId: 'launch',
        parentId: null,
        totals: totals({ actualCostMinor: 50_000, budgetedCostMinor: 100_000 }),
      },
      {
        campaignId: 'ads',
        parentId: 'launch',
        totals: totals({ actualCostMinor: 30_000, attributedRevenueMinor: 120_000, leads: 8, wonDeals: 1 }),
      },
      {
        campaignId: 'email',
        totals: totals({
          actualCostMinor: 10_000,
          attributedRevenueMinor: 80_000,
          sent: 1_000,
          responses: 40,
        }),
      },
    ])
    // Results in input order.
    expect(rollups.map((rollup) => [rollup.campaignId, rollup.parentId, rollup.level])).toEqual([
      ['retargeting', 'ads', 3],
      ['launch', null, 1],
      ['ads', 'launch', 2],
      ['email', null, 1], // no parentId → a root of its own
    ])
    const ads = rollups[2]!
    // ads own: cost 30,000, revenue 120,000 → ROI (120,000 − 30,000) / 30,000 = 3; no budget → null.
    expect(ads.own).toMatchObject({ actualCostMinor: 30_000, roi: 3, budgetUtilisation: null })
    // ads + retargeting: cost 40,000, revenue 120,000, leads 10, won 2, budget null + 20,000 = 20,000.
    // ROI (120,000 − 40,000) / 40,000 = 2; CPL 40,000 / 10 = 4,000; CPA 40,000 / 2 = 20,000;
    // budget utilisation 40,000 / 20,000 = 2 (the missing budget counts as zero).
    expect(ads.rolledUp).toMatchObject({
      actualCostMinor: 40_000,
      budgetedCostMinor: 20_000,
      attributedRevenueMinor: 120_000,
      leads: 10,
      wonDeals: 2,
      roi: 2,
      costPerLeadMinor: 4_000,
      costPerAcquisitionMinor: 20_000,
      budgetUtilisation: 2,
    })
    const launch = rollups[1]!
    // launch + ads subtree (email is its own root): cost 50,000 + 40,000 = 90,000; revenue 120,000;
    // budget 100,000 + 20,000 = 120,000. ROI 30,000 / 90,000 = ⅓; utilisation 90,000 / 120,000 = 0.75.
    expect(launch.own.roi).toBe(-1) // (0 − 50,000) / 50,000
    expect(launch.rolledUp).toMatchObject({
      actualCostMinor: 90_000,
      budgetedCostMinor: 120_000,
      budgetUtilisation: 0.75,
    })
    expect(launch.rolledUp.roi).toBeCloseTo(1 / 3, 12)
    // A leaf's roll-up is its own totals.
    expect(rollups[0]!.rolledUp).toEqual(rollups[0]!.own)
    expect(rollups[3]!.rolledUp).toEqual(rollups[3]!.own)
  })

  it('accepts a chain of exactly five levels and refuses a sixth', () => {
    const chain = (length: number): HierarchyCampaignInput[] =>
      Array.from({ length }, (_, index) => ({
        campaignId: `c${index + 1}`,
        parentId: index === 0 ? null : `c${index}`,
        totals: totals({ actualCostMinor: 1 }),
      }))
    const five = rollUpCampaignHierarchy(chain(MAX_CAMPAIGN_LEVELS))
    expect(five.map((rollup) => rollup.level)).toEqual([1, 2, 3, 4, 5])
    expect(five[0]!.rolledUp.actualCostMinor).toBe(5)
    const error = expectValidationError(() => rollUpCampaignHierarchy(chain(MAX_CAMPAIGN_LEVELS + 1)))
    expect(error.message).toMatch(/level 6/)
    expect(error.issues[0]?.path).toEqual([5, 'parentId'])
  })

  it('refuses cycles, including a campaign that is its own parent', () => {
    const cycle = expectValidationError(() =>
      rollUpCampaignHierarchy([
        { campaignId: 'a', parentId: 'c', totals: totals() },
        { campaignId: 'b', parentId: 'a', totals: totals() },
        { campaignId: 'c', parentId: 'b', totals: totals() },
        { campaignId: 'd', parentId: null, totals: totals() },
      ]),
    )
    expect(cycle.message).toMatch(/loop/)
    expect(cycle.issues.map((issue) => issue.path[0])).toEqual([0, 1, 2])
    expectValidationError(() =>
      rollUpCampaignHierarchy([{ campaignId: 'a', parentId: 'a', totals: totals() }]),
    )
  })

  it('refuses a campaign under a cycle, an unknown parent and a repeated id', () => {
    expectValidationError(() =>
      rollUpCampaignHierarchy([
        { campaignId: 'a', parentId: 'b', totals: totals() },
        { campaignId: 'b', parentId: 'a', totals: totals() },
        { campaignId: 'leaf', parentId: 'a', totals: totals() },
      ]),
    )
    const unknown = expectValidationError(() =>
      rollUpCampaignHierarchy([{ campaignId: 'a', parentId: 'missing', totals: totals() }]),
    )
    expect(unknown.message).toMatch(/missing/)
    expectValidationError(() =>
      rollUpCampaignHierarchy([
        { campaignId: 'a', totals: totals() },
        { campaignId: 'a', totals: totals() },
      ]),
    )
  })

  it('refuses malformed totals and sums too large to be exact', () => {
    expectValidationError(() => rollUpCampaignHierarchy([{ campaignId: 'a', totals: totals({ sent: -3 }) }]))
    const overflow = expectValidationError(() =>
      rollUpCampaignHierarchy([
        { campaignId: 'a', totals: totals({ actualCostMinor: Number.MAX_SAFE_INTEGER }) },
        { campaignId: 'b', parentId: 'a', totals: totals({ actualCostMinor: 2 }) },
      ]),
    )
    expect(overflow.message).toMatch(/actualCostMinor/)
  })

  /** A random forest no deeper than five levels, given in a shuffled order. */
  const forestArb = fc
    .array(fc.tuple(fc.nat(), totalsArb), { minLength: 1, maxLength: 30 })
    .map((picks) => {
      const levels: number[] = []
      return picks.map(([pick, own], index) => {
        // Each campaign hangs under an earlier one that still has room below it, or is a root.
        const candidates = levels.flatMap((level, candidate) =>
          level < MAX_CAMPAIGN_LEVELS ? [candidate] : [],
        )
        const choice = pick % (candidates.length + 1)
        const parent = choice === candidates.length ? null : candidates[choice]!
        levels.push(parent === null ? 1 : levels[parent]! + 1)
        return { campaignId: `c${index}`, parentId: parent === null ? null : `c${parent}`, totals: own }
      })
    })
    .chain((campaigns) =>
      fc.shuffledSubarray(campaigns, { minLength: campaigns.length, maxLength: campaigns.length }),
    )

  it('each roll-up equals own totals plus the roll-ups of the children', () => {
    fc.assert(
      fc.property(forestArb, (campaigns) => {
        const rollups = rollUpCampaignHierarchy(campaigns)
        const byId = new Map(rollups.map((rollup) => [rollup.campaignId, rollup]))
        for (const [index, campaign] of campaigns.entries()) {
          const rollup = rollups[index]!
          expect(rollup.campaignId).toBe(campaign.campaignId)
          const children = rollups.filter((other) => other.parentId === campaign.campaignId)
          const expected = children.reduce<CampaignTotals>(
            (sum, child) => addCampaignTotals(sum, child.rolledUp),
            campaign.totals,
          )
          expect(rollup.rolledUp).toEqual(campaignMetrics(expected))
          expect(rollup.own).toEqual(campaignMetrics(campaign.totals))
          const parent = campaign.parentId ? byId.get(campaign.parentId) : undefined
          expect(rollup.level).toBe(parent ? parent.level + 1 : 1)
          expect(rollup.level).toBeLessThanOrEqual(MAX_CAMPAIGN_LEVELS)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('the roots together hold every campaign’s cost and revenue exactly once', () => {
    fc.assert(
      fc.property(forestArb, (campaigns) => {
        const roots = rollUpCampaignHierarchy(campaigns).filter((rollup) => rollup.parentId === null)
        const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
        expect(sum(roots.map((root) => root.rolledUp.actualCostMinor))).toBe(
          sum(campaigns.map((campaign) => campaign.totals.actualCostMinor)),
        )
        expect(sum(roots.map((root) => root.rolledUp.attributedRevenueMinor))).toBe(
          sum(campaigns.map((campaign) => campaign.totals.attributedRevenueMinor)),
        )
      }),
      { numRuns: 300 },
    )
  })
})
