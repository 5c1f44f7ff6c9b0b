/**
 * Pipeline transition benchmark: Rapport's pure `transition` against the same pipeline as an XState v5
 * machine driven through an actor (`createActor(machine).start()`, then `actor.send`). Both do the same
 * work per move: check the move, compute the new deal state (stage, overrides cleared, close date,
 * outcome), a history entry and the events. XState's own pure `transition()` is printed for reference.
 *
 * Goal: Rapport ≥ 20× faster per move than the XState actor.
 *
 * Run: `npx tsx bench/pipeline-transition.ts [--moves N] [--rounds N]` (defaults: 20000 XState moves per run,
 * 50× as many Rapport moves, 9 rounds).
 */
import { performance } from 'node:perf_hooks'
import { assign, createActor, setup, transition as xstateTransition } from 'xstate'
import {
  DEFAULT_SALES_PIPELINE,
  type DealStageEventName,
  type DealStageState,
  findStage,
  type StageHistoryEntry,
  type TransitionContext,
  transition,
} from '../packages/core/src/domain/pipeline/index'

const pipeline = DEFAULT_SALES_PIPELINE
const NOW = '2026-03-01T10:00:00.000Z'

/** One lap: up the funnel to won, reopen, up to lost, reopen. Ten moves, back where it started. */
const LAP: readonly { readonly to: string; readonly reopen: boolean }[] = [
  { to: 'needsAnalysis', reopen: false },
  { to: 'proposal', reopen: false },
  { to: 'negotiation', reopen: false },
  { to: 'closedWon', reopen: false },
  { to: 'qualification', reopen: true },
  { to: 'needsAnalysis', reopen: false },
  { to: 'proposal', reopen: false },
  { to: 'negotiation', reopen: false },
  { to: 'closedLost', reopen: false },
  { to: 'qualification', reopen: true },
]

const initialDeal: DealStageState = {
  stageKey: 'qualification',
  probabilityOverride: null,
  forecastCategoryOverride: null,
  amountMinor: 250_000,
  closedAt: null,
  isClosed: false,
  isWon: false,
}

// ---------------------------------------------------------------------------------------------------------
// Rapport

const rapportSteps = LAP.map((step) => {
  const ctx: TransitionContext = { now: NOW, actor: 'usr_bench', reopen: step.reopen }
  return { to: step.to, ctx }
})

function runRapport(moves: number): DealStageState {
  let deal = initialDeal
  for (let i = 0; i < moves; i++) {
    const step = rapportSteps[i % rapportSteps.length]!
    const result = transition(pipeline, deal, step.to, step.ctx)
    if (!result.ok) throw new Error(`Rapport refused ${deal.stageKey} → ${step.to}: ${result.message}`)
    deal = result.effects.deal
  }
  return deal
}

// ---------------------------------------------------------------------------------------------------------
// XState: one state per stage; an open stage accepts a move to any other stage, a closed one only a
// reopen. The entry action computes the same deal state, history entry and events as Rapport.

interface MoveEvent {
  readonly type: string
  readonly now: string
  readonly actor: string
  readonly reopen: boolean
}

interface XstateContext {
  readonly deal: DealStageState
  readonly history: StageHistoryEntry | null
  readonly events: readonly DealStageEventName[]
}

function enterStage(context: XstateContext, event: MoveEvent): XstateContext {
  const from = context.deal
  const to = findStage(pipeline, event.type)!
  let closedAt: string | null = null
  const events: DealStageEventName[] = ['deal.stageChanged']
  if (to.isClosed) {
    const outcomeStays = from.isClosed && from.isWon === to.isWon
    closedAt = outcomeStays ? from.closedAt : event.now
    if (!outcomeStays) events.push(to.isWon ? 'deal.won' : 'deal.lost')
  } else if (from.isClosed) {
    events.push('deal.reopened')
  }
  return {
    deal: {
      stageKey: to.key,
      probabilityOverride: null,
      forecastCategoryOverride: null,
      amountMinor: from.amountMinor,
      closedAt,
      isClosed: to.isClosed,
      isWon: to.isWon,
    },
    history: {
      fromStage: from.stageKey,
      toStage: to.key,
      amountMinor: from.amountMinor,
      probability: to.probability,
      forecastCategory: to.forecastCategory,
      actor: event.actor,
      reason: null,
      reopened: from.isClosed,
      at: event.now,
    },
    events,
  }
}

const pipelineSetup = setup({
  types: {} as { context: XstateContext; events: MoveEvent },
  actions: { enterStage: assign(({ context, event }) => enterStage(context, event)) },
  guards: { reopen: ({ event }) => event.reopen },
})

const states = Object.fromEntries(
  pipeline.stages.map((from) => {
    const on = Object.fromEntries(
      pipeline.stages
        .filter((to) => to.key !== from.key)
        .map((to) => [
          to.key,
          from.isClosed
            ? { target: to.key, guard: 'reopen' as const, actions: 'enterStage' as const }
            : { target: to.key, actions: 'enterStage' as const },
        ]),
    )
    return [from.key, { on }]
  }),
)

const machine = pipelineSetup.createMachine({
  id: pipeline.key,
  initial: initialDeal.stageKey,
  context: { deal: initialDeal, history: null, events: [] },
  states,
})

const xstateEvents: readonly MoveEvent[] = LAP.map((step) => ({
  type: step.to,
  now: NOW,
  actor: 'usr_bench',
  reopen: step.reopen,
}))

function runXstateActor(moves: number): DealStageState {
  const actor = createActor(machine).start()
  for (let i = 0; i < moves; i++) actor.send(xstateEvents[i % xstateEvents.length]!)
  const deal = actor.getSnapshot().context.deal
  actor.stop()
  return deal
}

function runXstatePure(moves: number): DealStageState {
  let snapshot = createActor(machine).getSnapshot()
  for (let i = 0; i < moves; i++) {
    ;[snapshot] = xstateTransition(machine, snapshot, xstateEvents[i % xstateEvents.length]!)
  }
  return snapshot.context.deal
}

// ---------------------------------------------------------------------------------------------------------
// Timing

interface Options {
  /** Moves per timed XState run; Rapport runs {@link RAPPORT_FACTOR}× as many. */
  readonly moves: number
  readonly rounds: number
}

// Rapport is much faster; more moves keep its timed runs long enough to measure.
const RAPPORT_FACTOR = 50

function parseOptions(argv: readonly string[]): Options {
  let moves = 20_000
  let rounds = 9
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1])
    if (!Number.isInteger(value) || value < 1) {
      throw new Error('usage: tsx bench/pipeline-transition.ts [--moves N] [--rounds N]')
    }
    if (argv[i] === '--moves') moves = value
    else if (argv[i] === '--rounds') rounds = value
  }
  return { moves, rounds }
}

interface Contender {
  readonly name: string
  readonly run: (moves: number) => DealStageState
  readonly moves: number
  readonly samples: number[]
}

/**
 * Median nanoseconds per move of each contender. Rounds interleave the contenders, so a busy machine slows
 * them alike and the ratios stay meaningful.
 */
function measure(contenders: readonly Contender[], rounds: number): Map<string, number> {
  for (const contender of contenders) contender.run(contender.moves) // warm-up: let the JIT settle
  for (let round = 0; round < rounds; round++) {
    for (const contender of contenders) {
      const start = performance.now()
      contender.run(contender.moves)
      contender.samples.push(((performance.now() - start) * 1e6) / contender.moves)
    }
  }
  const medians = new Map<string, number>()
  for (const { name, samples } of contenders) {
    samples.sort((a, b) => a - b)
    medians.set(name, samples[Math.floor(samples.length / 2)]!)
  }
  return medians
}

function format(ns: number): string {
  return ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`
}

function main(): void {
  const { moves, rounds } = parseOptions(process.argv.slice(2))
  // Same machine, same moves: all three must end in the same deal state.
  const lap = LAP.length * 3 + 4
  const finals = [runRapport(lap), runXstateActor(lap), runXstatePure(lap)].map((deal) =>
    JSON.stringify(deal),
  )
  const agree = finals.every((final) => final === finals[0])

  const medians = measure(
    [
      { name: 'rapport', run: runRapport, moves: moves * RAPPORT_FACTOR, samples: [] },
      { name: 'actor', run: runXstateActor, moves, samples: [] },
      { name: 'pure', run: runXstatePure, moves, samples: [] },
    ],
    rounds,
  )
  const rapport = medians.get('rapport')!
  const actor = medians.get('actor')!
  const pure = medians.get('pure')!

  console.log(
    `pipeline transition: ${pipeline.key} pipeline, ${LAP.length}-move lap, median of ${rounds} rounds`,
  )
  console.log(`  same final state on both sides: ${agree ? 'yes' : `NO\n${finals.join('\n')}`}`)
  console.log(`  Rapport transition()          ${format(rapport).padStart(10)} per move`)
  console.log(`  XState actor.send()           ${format(actor).padStart(10)} per move`)
  console.log(`  XState transition() (pure)    ${format(pure).padStart(10)} per move`)
  console.log(`  ratio actor.send / Rapport    ${(actor / rapport).toFixed(1)}× (goal ≥ 20×)`)
  console.log(`  ratio pure XState / Rapport   ${(pure / rapport).toFixed(1)}×`)
}

main()
