import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SALES_PIPELINE,
  type DealStageState,
  effectiveForecastCategory,
  effectiveProbability,
  expectedRevenueMinor,
  FORECAST_CATEGORIES,
  type ForecastCategory,
  findStage,
  type PipelineDefinition,
  type PipelineStage,
  parsePipelineDefinition,
  replayHistory,
  type StageGuard,
  type StageHistoryEntry,
  type TransitionContext,
  type TransitionRefusalReason,
  type TransitionResult,
  transition,
} from '../../src/domain/pipeline'
import { ValidationError } from '../../src/errors/rapport-error'

const RUNS = { numRuns: 400 }
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)
const NOW = '2026-03-01T10:00:00.000Z'
const LATER = '2026-03-02T11:30:00.000Z'

// ---------------------------------------------------------------------------------------------------------
// Factories

function openDeal(stageKey: string, overrides: Partial<DealStageState> = {}): DealStageState {
  return {
    stageKey,
    probabilityOverride: null,
    forecastCategoryOverride: null,
    amountMinor: 100_000,
    closedAt: null,
    isClosed: false,
    isWon: false,
    ...overrides,
  }
}

function closedDeal(stageKey: string, isWon: boolean, closedAt = NOW): DealStageState {
  return openDeal(stageKey, { isClosed: true, isWon, closedAt })
}

function stage(
  key: string,
  kind: 'open' | 'won' | 'lost',
  extra: Partial<PipelineStage> = {},
): PipelineStage {
  const closed = kind !== 'open'
  return {
    key,
    label: key,
    probability: kind === 'won' ? 1 : kind === 'lost' ? 0 : 0.4,
    forecastCategory: kind === 'won' ? 'closed' : kind === 'lost' ? 'omitted' : 'pipeline',
    isClosed: closed,
    isWon: kind === 'won',
    ...extra,
  }
}

/** A pipeline with two won and two lost stages, to exercise won → won and lost → lost. */
const TWO_OUTCOMES: PipelineDefinition = {
  key: 'twoOutcomes',
  label: 'Two outcomes',
  stages: [
    stage('open1', 'open'),
    stage('open2', 'open', { probability: 0.7, forecastCategory: 'commit' }),
    stage('wonSigned', 'won'),
    stage('wonPaid', 'won'),
    stage('lostPrice', 'lost'),
    stage('lostSilent', 'lost'),
  ],
}

function unwrap(result: TransitionResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.reason}: ${result.message}`)
  return result.effects
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

// ---------------------------------------------------------------------------------------------------------
// Arbitraries

const GUARD_NAMES = ['g1', 'g2', 'g3'] as const
type GuardName = (typeof GUARD_NAMES)[number]
const UNREGISTERED_GUARD = 'ghost'
const OPEN_CATEGORIES = FORECAST_CATEGORIES.filter((category) => category !== 'closed')

const stageKindArb = fc.constantFrom('open', 'open', 'open', 'won', 'lost')
const guardListArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant<string[]>([]) },
  { weight: 3, arbitrary: fc.subarray<string>([...GUARD_NAMES]) },
  { weight: 1, arbitrary: fc.subarray<string>([...GUARD_NAMES, UNREGISTERED_GUARD], { minLength: 1 }) },
)

const stageSpecArb = fc.record({
  kind: stageKindArb,
  probability: fc.double({ min: 0, max: 1, noNaN: true }),
  forecastCategory: fc.constantFrom(...OPEN_CATEGORIES),
  rotDays: fc.option(fc.integer({ min: 1, max: 90 }), { nil: undefined }),
  requirements: fc.option(fc.constant({ field: 'amountMinor', op: 'isSet' }), { nil: undefined, freq: 3 }),
  guards: guardListArb,
})

const keyArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/)

/** Random valid pipelines: 1–7 stages, at least one open, with or without an explicit transition list. */
const pipelineArb: fc.Arbitrary<PipelineDefinition> = fc
  .oneof({ weight: 1, arbitrary: fc.constant(1) }, { weight: 6, arbitrary: fc.integer({ min: 2, max: 7 }) })
  .chain((size) =>
    fc.tuple(
      fc.uniqueArray(keyArb, { minLength: size, maxLength: size }),
      fc.array(stageSpecArb, { minLength: size, maxLength: size }),
      fc.option(fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 25 }), { nil: undefined }),
    ),
  )
  .filter(([, specs]) => specs.some((spec) => spec.kind === 'open'))
  .map(([keys, specs, pairs]) => {
    const stages: PipelineStage[] = specs.map((spec, index) => {
      const key = keys[index]!
      const base =
        spec.kind === 'open'
          ? stage(key, 'open', {
              probability: spec.probability,
              forecastCategory: spec.forecastCategory,
              ...(spec.rotDays === undefined ? {} : { rotDays: spec.rotDays }),
            })
          : stage(key, spec.kind)
      return {
        ...base,
        ...(spec.requirements === undefined ? {} : { requirements: spec.requirements }),
        ...(spec.guards.length === 0 ? {} : { guards: spec.guards }),
      }
    })
    const open = stages.filter((s) => !s.isClosed)
    const seen = new Set<string>()
    const transitions = (pairs ?? []).flatMap(([a, b]) => {
      const from = open[a % open.length]!.key
      const to = stages[b % stages.length]!.key
      const id = `${from}>${to}`
      if (from === to || seen.has(id)) return []
      seen.add(id)
      return [{ from, to }]
    })
    const pipeline: PipelineDefinition = {
      key: 'generated',
      label: 'Generated',
      stages,
      ...(pairs === undefined || transitions.length === 0 ? {} : { transitions }),
    }
    return pipeline
  })

type Verdict = boolean | string
const verdictArb: fc.Arbitrary<Verdict> = fc.oneof(
  { weight: 8, arbitrary: fc.constant(true) },
  { weight: 1, arbitrary: fc.constant(false) },
  { weight: 1, arbitrary: fc.constantFrom('Needs a signed NDA', '') },
)

interface MoveSpec {
  /** Index into the stages other than the current one, or the current stage, or a key that is not there. */
  readonly target: number | 'same' | 'unknown'
  readonly reopen: boolean
  readonly giveEvaluator: boolean
  readonly requirementsMet: boolean
  readonly verdicts: Readonly<Record<GuardName, Verdict>>
  readonly actor: string | null
}

const moveArb: fc.Arbitrary<MoveSpec> = fc.record({
  target: fc.oneof(
    { weight: 14, arbitrary: fc.nat(20) },
    { weight: 1, arbitrary: fc.constant('same' as const) },
    { weight: 1, arbitrary: fc.constant('unknown' as const) },
  ),
  reopen: fc.boolean(),
  giveEvaluator: fc.oneof(
    { weight: 9, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  requirementsMet: fc.oneof(
    { weight: 4, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  verdicts: fc.record({ g1: verdictArb, g2: verdictArb, g3: verdictArb }),
  actor: fc.option(fc.constantFrom('usr_1', 'usr_2', 'system'), { nil: null }),
})

const overridesArb = fc.record({
  probabilityOverride: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  forecastCategoryOverride: fc.option(fc.constantFrom(...FORECAST_CATEGORIES), { nil: null }),
  amountMinor: fc.option(fc.integer({ min: 0, max: 10_000_000_00 }), { nil: null }),
})

const scenarioArb = pipelineArb.chain((pipeline) =>
  fc.record({
    pipeline: fc.constant(pipeline),
    initialIndex: fc.nat(pipeline.stages.length - 1),
    overrides: overridesArb,
    moves: fc.array(moveArb, { minLength: 1, maxLength: 40, size: '+1' }),
  }),
)

function initialDeal(
  pipeline: PipelineDefinition,
  index: number,
  overrides: Partial<DealStageState>,
): DealStageState {
  const initial = pipeline.stages[index]!
  return openDeal(initial.key, {
    ...overrides,
    isClosed: initial.isClosed,
    isWon: initial.isWon,
    closedAt: initial.isClosed ? new Date(T0).toISOString() : null,
  })
}

function contextFor(move: MoveSpec, now: string): TransitionContext {
  const guards: Record<string, StageGuard> = {}
  for (const name of GUARD_NAMES) guards[name] = () => move.verdicts[name]
  return {
    now,
    actor: move.actor,
    reopen: move.reopen,
    guards,
    ...(move.giveEvaluator ? { requirementsMet: () => move.requirementsMet } : {}),
  }
}

function targetKey(pipeline: PipelineDefinition, deal: DealStageState, move: MoveSpec): string {
  if (move.target === 'unknown') return 'nowhere'
  const others = pipeline.stages.filter((s) => s.key !== deal.stageKey)
  if (move.target === 'same' || others.length === 0) return deal.stageKey
  return others[move.target % others.length]!.key
}

/** The rules of DOMAIN.md written out plainly, as the oracle for the refusal reason. */
function expectedReason(
  pipeline: PipelineDefinition,
  deal: DealStageState,
  toKey: string,
  move: MoveSpec,
): TransitionRefusalReason | 'ok' {
  const to = pipeline.stages.find((s) => s.key === toKey)
  if (to === undefined) return 'unknownStage'
  if (deal.stageKey === toKey) return 'sameStage'
  if (deal.isClosed && !move.reopen) return 'closedNeedsReopen'
  const listed = pipeline.transitions?.some((t) => t.from === deal.stageKey && t.to === toKey) ?? true
  if (!deal.isClosed && !listed) return 'transitionNotAllowed'
  const guards = to.guards ?? []
  if (guards.some((name) => !(GUARD_NAMES as readonly string[]).includes(name))) return 'unknownGuard'
  if (to.requirements !== undefined && !(move.giveEvaluator && move.requirementsMet))
    return 'requirementsUnmet'
  if (guards.some((name) => move.verdicts[name as GuardName] !== true)) return 'guardRefused'
  return 'ok'
}

// ---------------------------------------------------------------------------------------------------------
// Properties

describe('pipeline transition properties', () => {
  it('every generated pipeline is a valid definition', () => {
    fc.assert(
      fc.property(pipelineArb, (pipeline) => {
        expect(parsePipelineDefinition(pipeline)).toEqual(pipeline)
      }),
      RUNS,
    )
  })

  it('random move sequences keep the stage, close-date, forecast and event invariants', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pipeline, initialIndex, overrides, moves }) => {
        deepFreeze(pipeline)
        let deal = deepFreeze(initialDeal(pipeline, initialIndex, overrides))
        const initialStageKey = deal.stageKey
        const history: StageHistoryEntry[] = []

        moves.forEach((move, step) => {
          const now = new Date(T0 + (step + 1) * 60_000).toISOString()
          const toKey = targetKey(pipeline, deal, move)
          const ctx = contextFor(move, now)
          const before = structuredClone(deal)
          const result = transition(pipeline, deal, toKey, ctx)

          // Pure: the same inputs give the same answer, and the inputs are untouched (they are frozen too).
          expect(transition(pipeline, deal, toKey, ctx)).toEqual(result)
          expect(deal).toEqual(before)
          expect(result.ok ? 'ok' : result.reason).toBe(expectedReason(pipeline, deal, toKey, move))

          if (!result.ok) {
            // A refused move changes nothing: the deal stays, no history, and the refusal says why.
            expect(result).not.toHaveProperty('effects')
            expect(result.fromStage).toBe(deal.stageKey)
            expect(result.toStage).toBe(toKey)
            expect(result.message.length).toBeGreaterThan(0)
            if (deal.isClosed && !move.reopen && toKey !== deal.stageKey && findStage(pipeline, toKey)) {
              expect(result.reason).toBe('closedNeedsReopen')
            }
            return
          }

          const { deal: next, history: entry, events } = result.effects
          const to = findStage(pipeline, toKey)!
          // A closed deal moves only via reopen.
          if (deal.isClosed) expect(move.reopen).toBe(true)
          expect(next.stageKey).toBe(toKey)
          expect(next.amountMinor).toBe(deal.amountMinor)
          expect(next.isClosed).toBe(to.isClosed)
          expect(next.isWon).toBe(to.isWon)

          // Close date: set when the outcome becomes won or lost, kept while it stays, cleared when open.
          if (!to.isClosed) expect(next.closedAt).toBeNull()
          else if (!deal.isClosed) expect(next.closedAt).toBe(now)
          else if (deal.isWon !== to.isWon) expect(next.closedAt).toBe(now)
          else expect(next.closedAt).toBe(deal.closedAt)

          // Probability and forecast category come from the new stage: the move clears the overrides.
          expect(effectiveProbability(to, next)).toBe(to.probability)
          expect(effectiveForecastCategory(to, next)).toBe(to.forecastCategory)
          expect(entry).toEqual({
            fromStage: deal.stageKey,
            toStage: toKey,
            amountMinor: deal.amountMinor,
            probability: to.probability,
            forecastCategory: to.forecastCategory,
            actor: move.actor,
            reason: null,
            reopened: deal.isClosed,
            at: now,
          })

          const outcomeChanged = to.isClosed && (!deal.isClosed || deal.isWon !== to.isWon)
          const expectedEvents = ['deal.stageChanged']
          if (outcomeChanged) expectedEvents.push(to.isWon ? 'deal.won' : 'deal.lost')
          if (deal.isClosed && !to.isClosed) expectedEvents.push('deal.reopened')
          expect(events).toEqual(expectedEvents)

          history.push(entry)
          deal = deepFreeze(next)
        })

        // Replaying the accepted moves' history gives the current stage.
        const replayed = replayHistory(pipeline, initialStageKey, history)
        expect(replayed).toEqual({
          ok: true,
          stageKey: deal.stageKey,
          stage: findStage(pipeline, deal.stageKey),
          enteredAt: history.at(-1)?.at ?? null,
          moves: history.length,
        })
      }),
      RUNS,
    )
  })

  it('probability and forecast category are the stage’s unless the deal overrides them', () => {
    fc.assert(
      fc.property(pipelineArb, fc.nat(), overridesArb, (pipeline, index, overrides) => {
        const inStage = pipeline.stages[index % pipeline.stages.length]!
        const deal = openDeal(inStage.key, overrides)
        expect(effectiveProbability(inStage, deal)).toBe(overrides.probabilityOverride ?? inStage.probability)
        expect(effectiveForecastCategory(inStage, deal)).toBe(
          overrides.forecastCategoryOverride ?? inStage.forecastCategory,
        )
      }),
      RUNS,
    )
  })

  it('expected revenue is amount × probability rounded half away from zero', () => {
    const roundHalfAway = (numerator: bigint, denominator: bigint) => {
      const negative = numerator < 0n
      const magnitude = negative ? -numerator : numerator
      const rounded = (2n * magnitude + denominator) / (2n * denominator)
      return Number(negative ? -rounded : rounded)
    }
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, basisPoints) => {
          const expected = roundHalfAway(BigInt(amount) * BigInt(basisPoints), 10_000n)
          expect(expectedRevenueMinor(amount, basisPoints / 10_000)).toBe(expected + 0)
        },
      ),
      RUNS,
    )
  })
})

// ---------------------------------------------------------------------------------------------------------
// Examples

describe('transition examples', () => {
  const sales = DEFAULT_SALES_PIPELINE

  it('moves an open deal forward, clears overrides and records who and why', () => {
    const deal = openDeal('qualification', { probabilityOverride: 0.9, forecastCategoryOverride: 'commit' })
    const effects = unwrap(
      transition(sales, deal, 'proposal', { now: NOW, actor: 'usr_1', reason: 'demo done' }),
    )
    expect(effects.deal).toEqual(openDeal('proposal'))
    expect(effects.history).toEqual({
      fromStage: 'qualification',
      toStage: 'proposal',
      amountMinor: 100_000,
      probability: 0.5,
      forecastCategory: 'bestCase',
      actor: 'usr_1',
      reason: 'demo done',
      reopened: false,
      at: NOW,
    })
    expect(effects.events).toEqual(['deal.stageChanged'])
  })

  it('winning sets the close date and emits deal.won', () => {
    const effects = unwrap(transition(sales, openDeal('negotiation'), 'closedWon', { now: NOW }))
    expect(effects.deal).toMatchObject({ closedAt: NOW, isClosed: true, isWon: true })
    expect(effects.history).toMatchObject({ probability: 1, forecastCategory: 'closed', actor: null })
    expect(effects.events).toEqual(['deal.stageChanged', 'deal.won'])
  })

  it('losing from an open stage sets the close date and emits deal.lost', () => {
    const effects = unwrap(transition(sales, openDeal('proposal'), 'closedLost', { now: NOW }))
    expect(effects.deal).toMatchObject({ closedAt: NOW, isClosed: true, isWon: false })
    expect(effects.history).toMatchObject({ probability: 0, forecastCategory: 'omitted' })
    expect(effects.events).toEqual(['deal.stageChanged', 'deal.lost'])
  })

  it('reopen clears the outcome and the close date and emits deal.reopened', () => {
    const effects = unwrap(
      transition(sales, closedDeal('closedWon', true), 'negotiation', { now: LATER, reopen: true }),
    )
    expect(effects.deal).toEqual(openDeal('negotiation'))
    expect(effects.history.reopened).toBe(true)
    expect(effects.events).toEqual(['deal.stageChanged', 'deal.reopened'])
  })

  it('reopen ignores the transition list and may go to any stage', () => {
    const listed: PipelineDefinition = { ...TWO_OUTCOMES, transitions: [{ from: 'open1', to: 'open2' }] }
    expect(transition(listed, closedDeal('lostPrice', false), 'open1', { now: LATER, reopen: true }).ok).toBe(
      true,
    )
  })

  it('won ↔ lost sets the close date again; won → won and lost → lost keep it', () => {
    const toLost = unwrap(
      transition(TWO_OUTCOMES, closedDeal('wonSigned', true), 'lostPrice', { now: LATER, reopen: true }),
    )
    expect(toLost.deal).toMatchObject({ closedAt: LATER, isClosed: true, isWon: false })
    expect(toLost.events).toEqual(['deal.stageChanged', 'deal.lost'])

    const toWon = unwrap(
      transition(TWO_OUTCOMES, closedDeal('lostPrice', false), 'wonPaid', { now: LATER, reopen: true }),
    )
    expect(toWon.deal).toMatchObject({ closedAt: LATER, isWon: true })
    expect(toWon.events).toEqual(['deal.stageChanged', 'deal.won'])

    const wonToWon = unwrap(
      transition(TWO_OUTCOMES, closedDeal('wonSigned', true), 'wonPaid', { now: LATER, reopen: true }),
    )
    expect(wonToWon.deal).toMatchObject({ closedAt: NOW, isWon: true })
    expect(wonToWon.events).toEqual(['deal.stageChanged'])

    const lostToLost = unwrap(
      transition(TWO_OUTCOMES, closedDeal('lostPrice', false), 'lostSilent', { now: LATER, reopen: true }),
    )
    expect(lostToLost.deal.closedAt).toBe(NOW)
  })

  it('a reopen flag on an open deal changes nothing about the move', () => {
    const plain = transition(sales, openDeal('proposal'), 'negotiation', { now: NOW })
    const flagged = transition(sales, openDeal('proposal'), 'negotiation', { now: NOW, reopen: true })
    expect(flagged).toEqual(plain)
  })

  it('expected revenue uses the decimal probability, not its binary float', () => {
    expect(100 * 0.285).toBeLessThan(28.5)
    expect(expectedRevenueMinor(100, 0.285)).toBe(29)
    expect(expectedRevenueMinor(-100, 0.285)).toBe(-29)
    expect(expectedRevenueMinor(1_000_00, 0.35)).toBe(35_000)
    expect(expectedRevenueMinor(3, 0.5)).toBe(2)
    expect(expectedRevenueMinor(1, 1e-7)).toBe(0)
    expect(expectedRevenueMinor(9_007_199_254_740_991, 0.123456789)).toBe(1_111_999_897_873_516)
    expect(expectedRevenueMinor(null, 0.5)).toBeNull()
  })
})

describe('transition refusals', () => {
  const sales = DEFAULT_SALES_PIPELINE
  const ctx = { now: NOW }

  function refusal(result: TransitionResult) {
    if (result.ok) throw new Error('expected a refusal')
    return result
  }

  it('unknownStage for a target the pipeline does not have', () => {
    const result = refusal(transition(sales, openDeal('proposal'), 'wonish', ctx))
    expect(result).toMatchObject({
      ok: false,
      reason: 'unknownStage',
      stageKey: 'wonish',
      fromStage: 'proposal',
    })
    expect(result.message).toContain('qualification, needsAnalysis')
  })

  it('unknownStage for a current stage the pipeline no longer has', () => {
    const result = refusal(transition(sales, openDeal('removed'), 'proposal', ctx))
    expect(result).toMatchObject({ reason: 'unknownStage', stageKey: 'removed' })
  })

  it('sameStage', () => {
    expect(refusal(transition(sales, openDeal('proposal'), 'proposal', ctx)).reason).toBe('sameStage')
    const closed = closedDeal('closedWon', true)
    expect(refusal(transition(sales, closed, 'closedWon', { now: NOW, reopen: true })).reason).toBe(
      'sameStage',
    )
  })

  it('closedNeedsReopen for any move out of a closed stage without reopen', () => {
    for (const to of ['qualification', 'closedLost']) {
      const result = refusal(
        transition(sales, closedDeal('closedWon', true), to, { now: NOW, reopen: false }),
      )
      expect(result.reason).toBe('closedNeedsReopen')
      expect(result.message).toContain('reopen: true')
    }
  })

  it('transitionNotAllowed when the pipeline lists its moves', () => {
    const listed: PipelineDefinition = {
      ...TWO_OUTCOMES,
      transitions: [
        { from: 'open1', to: 'open2' },
        { from: 'open2', to: 'wonSigned' },
      ],
    }
    expect(transition(listed, openDeal('open1'), 'open2', ctx).ok).toBe(true)
    const result = refusal(transition(listed, openDeal('open1'), 'wonSigned', ctx))
    expect(result.reason).toBe('transitionNotAllowed')
    expect(result.message).toContain('only open2')
    expect(refusal(transition(listed, openDeal('wonSigned'), 'open1', ctx)).message).toContain(
      'no moves out of',
    )
  })

  const guarded: PipelineDefinition = {
    ...TWO_OUTCOMES,
    stages: TWO_OUTCOMES.stages.map((s) =>
      s.key === 'open2'
        ? { ...s, requirements: { field: 'amountMinor', op: 'isSet' }, guards: ['hasAmount', 'nda'] }
        : s,
    ),
  }
  const hasAmount: StageGuard = ({ deal }) => deal.amountMinor !== null || 'Set an amount first'

  it('requirementsUnmet when the caller says the filter fails, or gives no evaluator', () => {
    const guards = { hasAmount, nda: () => true }
    const unmet = refusal(
      transition(guarded, openDeal('open1'), 'open2', { ...ctx, guards, requirementsMet: () => false }),
    )
    expect(unmet.reason).toBe('requirementsUnmet')
    const noEvaluator = refusal(transition(guarded, openDeal('open1'), 'open2', { ...ctx, guards }))
    expect(noEvaluator.reason).toBe('requirementsUnmet')
    expect(noEvaluator.message).toContain('no requirementsMet')
    let seen: PipelineStage | undefined
    const met = transition(guarded, openDeal('open1'), 'open2', {
      ...ctx,
      guards,
      requirementsMet: (s) => {
        seen = s
        return true
      },
    })
    expect(met.ok).toBe(true)
    expect(seen?.key).toBe('open2')
  })

  it('unknownGuard before any requirement or guard runs', () => {
    let ran = false
    const result = refusal(
      transition(guarded, openDeal('open1'), 'open2', {
        ...ctx,
        guards: {
          hasAmount: () => {
            ran = true
            return true
          },
        },
        requirementsMet: () => false,
      }),
    )
    expect(result).toMatchObject({ reason: 'unknownGuard', guard: 'nda' })
    expect(ran).toBe(false)
  })

  it('unknownGuard for names that only exist on Object.prototype', () => {
    const proto: PipelineDefinition = {
      ...TWO_OUTCOMES,
      stages: TWO_OUTCOMES.stages.map((s) => (s.key === 'open2' ? { ...s, guards: ['toString'] } : s)),
    }
    expect(refusal(transition(proto, openDeal('open1'), 'open2', ctx)).reason).toBe('unknownGuard')
  })

  it('guardRefused with the guard’s message, or a default one for false', () => {
    const base = { ...ctx, requirementsMet: () => true }
    const noAmount = refusal(
      transition(guarded, openDeal('open1', { amountMinor: null }), 'open2', {
        ...base,
        guards: { hasAmount, nda: () => true },
      }),
    )
    expect(noAmount).toMatchObject({
      reason: 'guardRefused',
      guard: 'hasAmount',
      message: 'Set an amount first',
    })
    const noNda = refusal(
      transition(guarded, openDeal('open1'), 'open2', { ...base, guards: { hasAmount, nda: () => false } }),
    )
    expect(noNda).toMatchObject({ reason: 'guardRefused', guard: 'nda' })
    expect(noNda.message).toContain('Guard "nda" refused')
  })

  it('guards see the move they judge', () => {
    let input: Parameters<StageGuard>[0] | undefined
    const spy: StageGuard = (received) => {
      input = received
      return true
    }
    const deal = closedDeal('lostPrice', false)
    const onWon: PipelineDefinition = {
      ...TWO_OUTCOMES,
      stages: TWO_OUTCOMES.stages.map((s) => (s.key === 'open1' ? { ...s, guards: ['spy'] } : s)),
    }
    transition(onWon, deal, 'open1', { now: NOW, actor: 'usr_9', reopen: true, guards: { spy } })
    expect(input).toMatchObject({ deal, reopen: true, actor: 'usr_9', now: NOW })
    expect(input?.fromStage.key).toBe('lostPrice')
    expect(input?.toStage.key).toBe('open1')
  })
})

describe('replayHistory', () => {
  it('reports the first entry that does not chain', () => {
    const entry = (fromStage: string, toStage: string): StageHistoryEntry => ({
      fromStage,
      toStage,
      amountMinor: null,
      probability: 0.5,
      forecastCategory: 'pipeline' satisfies ForecastCategory,
      actor: null,
      reason: null,
      reopened: false,
      at: NOW,
    })
    const sales = DEFAULT_SALES_PIPELINE
    expect(replayHistory(sales, 'qualification', [])).toMatchObject({
      ok: true,
      stageKey: 'qualification',
      moves: 0,
    })
    const broken = replayHistory(sales, 'qualification', [
      entry('qualification', 'proposal'),
      entry('needsAnalysis', 'closedWon'),
    ])
    expect(broken).toMatchObject({ ok: false, index: 1, expectedFromStage: 'proposal' })
    expect(replayHistory(sales, 'qualification', [entry('qualification', 'gone')])).toMatchObject({
      ok: true,
      stageKey: 'gone',
      stage: null,
    })
  })
})

// ---------------------------------------------------------------------------------------------------------
// Definition validation

describe('pipeline definition validation', () => {
  const valid = (): PipelineDefinition => structuredClone(DEFAULT_SALES_PIPELINE) as PipelineDefinition

  function issuePath(input: unknown): string {
    try {
      parsePipelineDefinition(input)
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError)
      const validation = error as ValidationError
      expect(validation.code).toBe('validation')
      expect(validation.message).toMatch(/^Invalid pipeline definition/)
      return validation.issues.map((issue) => issue.path.join('.')).join(' | ')
    }
    throw new Error('expected a ValidationError')
  }

  function withStage(index: number, patch: Record<string, unknown>): unknown {
    const pipeline = valid()
    return { ...pipeline, stages: pipeline.stages.map((s, i) => (i === index ? { ...s, ...patch } : s)) }
  }

  it('accepts the default sales pipeline', () => {
    expect(parsePipelineDefinition(DEFAULT_SALES_PIPELINE)).toEqual(DEFAULT_SALES_PIPELINE)
  })

  it('refuses duplicate stage keys', () => {
    expect(issuePath(withStage(1, { key: 'qualification' }))).toBe('stages.1.key')
  })

  it('refuses keys that are not identifiers', () => {
    expect(issuePath(withStage(0, { key: 'closed won' }))).toBe('stages.0.key')
    expect(issuePath(withStage(0, { key: '1st' }))).toBe('stages.0.key')
    expect(issuePath({ ...valid(), key: 'sales-2' })).toBe('key')
  })

  it('refuses a pipeline without an open stage, or without stages', () => {
    const pipeline = valid()
    expect(issuePath({ ...pipeline, stages: pipeline.stages.filter((s) => s.isClosed) })).toBe('stages')
    expect(issuePath({ ...pipeline, stages: [] })).toBe('stages')
  })

  it('refuses a won stage that is not closed', () => {
    expect(issuePath(withStage(4, { isClosed: false }))).toBe('stages.4.isWon')
  })

  it('refuses closed stages with the wrong forecast category or probability', () => {
    expect(issuePath(withStage(4, { forecastCategory: 'commit' }))).toBe('stages.4.forecastCategory')
    expect(issuePath(withStage(5, { forecastCategory: 'closed' }))).toBe('stages.5.forecastCategory')
    expect(issuePath(withStage(4, { probability: 0.9 }))).toBe('stages.4.probability')
    expect(issuePath(withStage(5, { probability: 0.1 }))).toBe('stages.5.probability')
  })

  it('refuses the closed forecast category on an open stage', () => {
    expect(issuePath(withStage(3, { forecastCategory: 'closed' }))).toBe('stages.3.forecastCategory')
  })

  it('refuses probabilities outside 0..1 and unknown forecast categories', () => {
    expect(issuePath(withStage(0, { probability: 1.2 }))).toBe('stages.0.probability')
    expect(issuePath(withStage(0, { probability: -0.1 }))).toBe('stages.0.probability')
    expect(issuePath(withStage(0, { forecastCategory: 'maybe' }))).toBe('stages.0.forecastCategory')
  })

  it('refuses rotDays that are not positive whole days, and rotDays on closed stages', () => {
    expect(issuePath(withStage(0, { rotDays: 0 }))).toBe('stages.0.rotDays')
    expect(issuePath(withStage(0, { rotDays: 2.5 }))).toBe('stages.0.rotDays')
    expect(issuePath(withStage(4, { rotDays: 7 }))).toBe('stages.4.rotDays')
  })

  it('refuses unknown properties (typos)', () => {
    expect(issuePath(withStage(0, { rotdays: 7 }))).toBe('stages.0')
  })

  it('refuses transitions to or from unknown stages, to themselves, out of closed stages, or twice', () => {
    const withMoves = (transitions: unknown) => ({ ...valid(), transitions })
    expect(issuePath(withMoves([{ from: 'qualification', to: 'nowhere' }]))).toBe('transitions.0.to')
    expect(issuePath(withMoves([{ from: 'nowhere', to: 'proposal' }]))).toBe('transitions.0.from')
    expect(issuePath(withMoves([{ from: 'proposal', to: 'proposal' }]))).toBe('transitions.0')
    expect(issuePath(withMoves([{ from: 'closedWon', to: 'proposal' }]))).toBe('transitions.0.from')
    const twice = { from: 'proposal', to: 'negotiation' }
    expect(issuePath(withMoves([twice, twice]))).toBe('transitions.1')
    expect(issuePath(withMoves([]))).toBe('transitions')
  })

  it('names the first problem and counts the others in the message', () => {
    const input = withStage(4, { forecastCategory: 'commit', probability: 0.5 })
    expect(() => parsePipelineDefinition(input)).toThrow(
      /^Invalid pipeline definition at stages\.4\.forecastCategory: .*\(and 1 more issue\)$/,
    )
  })
})
