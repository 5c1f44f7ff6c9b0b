import { describe, expect, it } from 'vitest'
import { pausesFromHistory } from '../../src/domain/sla/pause-history'
import { type ComplianceClock, percentile, slaCompliance } from '../../src/domain/sla/sla-compliance'
import { slaPolicyDefinitionSchema } from '../../src/domain/sla/sla-policy-definition'

describe('SLA policy definitions', () => {
  const base = { key: 'std', label: 'Standard', targets: { high: { firstResponse: { minutes: 60 } } } }

  it('defaults the warning share to 75% and escalations to none', () => {
    expect(slaPolicyDefinitionSchema.parse(base)).toMatchObject({
      warningShare: 0.75,
      escalations: [],
      calendar: null,
      condition: null,
    })
  })

  it('refuses negative or fractional targets, shares outside (0, 1), unordered escalations, business hours without a calendar', () => {
    const bad = [
      { ...base, targets: { high: { firstResponse: { minutes: -5 } } } },
      { ...base, targets: { high: { firstResponse: { minutes: 1.5 } } } },
      { ...base, targets: { urgent: { reply: { minutes: 5 } } } },
      { ...base, warningShare: 1 },
      { ...base, escalations: [{ level: 2, afterMinutes: 10, action: 'x' }] },
      {
        ...base,
        escalations: [
          { level: 1, afterMinutes: 30, action: 'x' },
          { level: 2, afterMinutes: 10, action: 'y' },
        ],
      },
      { ...base, targets: { high: { firstResponse: { minutes: 60, business: true } } } },
      { ...base, key: 'has space' },
    ]
    for (const input of bad)
      expect(slaPolicyDefinitionSchema.safeParse(input).success, JSON.stringify(input)).toBe(false)
  })
})

describe('pauses from a status history', () => {
  const history = [
    { status: 'new', at: '2026-03-02T09:00:00.000Z' },
    { status: 'pending', at: '2026-03-02T10:00:00.000Z' },
    { status: 'onHold', at: '2026-03-02T11:00:00.000Z' },
    { status: 'open', at: '2026-03-02T12:00:00.000Z' },
    { status: 'pending', at: '2026-03-02T15:00:00.000Z' },
  ] as const

  it('joins consecutive pausing statuses and leaves the last pause open', () => {
    const pausing = (s: string) => s === 'pending' || s === 'onHold'
    expect(
      pausesFromHistory(history, '2026-03-02T09:00:00.000Z', '2026-03-02T16:00:00.000Z', pausing),
    ).toEqual({
      pauses: [{ from: '2026-03-02T10:00:00.000Z', to: '2026-03-02T12:00:00.000Z' }],
      pausedAt: '2026-03-02T15:00:00.000Z',
    })
  })

  it('clips to the clock start and ignores what came after now', () => {
    const pausing = (s: string) => s === 'pending'
    expect(
      pausesFromHistory(history, '2026-03-02T10:30:00.000Z', '2026-03-02T14:00:00.000Z', pausing),
    ).toEqual({
      pauses: [{ from: '2026-03-02T10:30:00.000Z', to: '2026-03-02T11:00:00.000Z' }],
      pausedAt: null,
    })
  })
})

describe('SLA compliance', () => {
  const clock = (over: Partial<ComplianceClock>): ComplianceClock => ({
    policyKey: 'std',
    priority: 'high',
    metric: 'firstResponse',
    status: 'met',
    startedAt: '2026-03-02T09:00:00.000Z',
    metAt: '2026-03-02T10:00:00.000Z',
    elapsedMinutes: 60,
    ...over,
  })

  it('met % of decided clocks, mean and nearest-rank p90 of fulfilled ones (checked by hand)', () => {
    const clocks = [
      clock({ elapsedMinutes: 10 }),
      clock({ elapsedMinutes: 20 }),
      clock({ elapsedMinutes: 30 }),
      clock({ status: 'breached', elapsedMinutes: 100 }), // late reply: counts in minutes and as breached
      clock({ status: 'breached', metAt: null, elapsedMinutes: null }), // still waiting, already breached
      clock({ status: 'inProgress', metAt: null, elapsedMinutes: null }),
      clock({ status: 'cancelled', metAt: null, elapsedMinutes: 5 }),
      clock({ priority: 'low', elapsedMinutes: 7, startedAt: '2026-04-01T00:00:00.000Z' }),
    ]
    const rows = slaCompliance(clocks, 'month', ['policy', 'priority'])
    expect(rows).toEqual([
      {
        period: '2026-03',
        policyKey: 'std',
        priority: 'high',
        metric: 'firstResponse',
        clocks: 7,
        met: 3,
        breached: 2,
        open: 1,
        cancelled: 1,
        metPercent: 60, // 3 of 5 decided
        averageMinutes: 40, // (10 + 20 + 30 + 100) / 4
        p90Minutes: 100, // ceil(0.9 × 4) = 4th smallest
      },
      expect.objectContaining({ period: '2026-04', priority: 'low', metPercent: 100, averageMinutes: 7 }),
    ])
    const overall = slaCompliance(clocks, 'all', [])
    expect(overall).toEqual([
      expect.objectContaining({ period: 'all', policyKey: null, priority: null, clocks: 8, met: 4 }),
    ])
    expect(slaCompliance(clocks, 'quarter', ['priority']).map((r) => [r.period, r.priority])).toEqual([
      ['2026-Q1', 'high'],
      ['2026-Q2', 'low'],
    ])
  })

  it('percentile is nearest-rank; nothing decided gives null', () => {
    expect(percentile([5, 1, 4, 2, 3, 6, 7, 8, 9, 10], 0.9)).toBe(9)
    expect(percentile([42], 0.9)).toBe(42)
    expect(percentile([], 0.9)).toBeNull()
    expect(
      slaCompliance([clock({ status: 'inProgress', metAt: null, elapsedMinutes: null })], 'day', [])[0],
    ).toMatchObject({
      metPercent: null,
      averageMinutes: null,
      p90Minutes: null,
    })
  })
})
