import type { Purchase } from '@rapport/core'
import { uncheckedFilter } from '@rapport/core'
import type { PredicateContext } from '@rapport/core/storage'
import { sqliteAdapter } from '@rapport/sqlite'
import { Query } from 'mingo'
import sift from 'sift'
import { type TimedStep, type Timing, timeInterleaved } from './import-timing'
import { BENCH_TENANT } from './segments-cases'
import { type BenchClock, benchClock, createSegmentCrm, type SegmentTenant } from './segments-crm'
import { MEMORY_CASES, type MemoryCase, type MemoryDoc, type MongoQuery } from './segments-memory-cases'
import { type SegmentContact, seedThroughRapport } from './segments-seed'

/** The four matchers of one case, timed over the same records. */
export interface MemoryMeasurement {
  readonly memoryCase: MemoryCase
  readonly matches: number
  readonly rapport: Timing
  readonly handWritten: Timing
  readonly sift: Timing
  readonly mingo: Timing
}

/** The in-memory half of the benchmark. */
export interface MemoryBenchResult {
  readonly records: number
  readonly purchases: number
  readonly runs: number
  readonly measurements: readonly MemoryMeasurement[]
  /** Cases whose matchers selected different records: the benchmark fails on any. */
  readonly mismatches: readonly string[]
}

/**
 * The records exactly as Rapport returns them: contacts and purchases created through `createMany` on an
 * in-memory SQLite database; each contact gets its purchases embedded for sift and mingo.
 */
async function loadRecords(
  tenant: SegmentTenant,
  clock: BenchClock,
  count: number,
  log: (line: string) => void,
) {
  const contacts: SegmentContact[] = []
  const purchasesByContact = new Map<string, Purchase[]>()
  let purchases = 0
  await seedThroughRapport({
    tenant,
    clock,
    contacts: count,
    log,
    onChunk(chunkContacts, chunkPurchases) {
      contacts.push(...chunkContacts)
      purchases += chunkPurchases.length
      for (const purchase of chunkPurchases) {
        const owner = purchase.contactId!
        const list = purchasesByContact.get(owner)
        if (list) list.push(purchase)
        else purchasesByContact.set(owner, [purchase])
      }
    },
  })
  // Attached in place: a spread copy of a record this wide falls back to slow (dictionary) properties in
  // V8, which would slow every matcher alike and hide the differences being measured.
  const docs: MemoryDoc[] = contacts.map((c) =>
    Object.assign(c, { purchases: purchasesByContact.get(c.id) ?? [] }),
  )
  // Built once, outside the timing: an app holding records and their purchases has this at hand.
  const contexts: PredicateContext[] = docs.map((doc) => ({ related: { purchases: doc.purchases } }))
  return { docs, contexts, purchases }
}

/** A record test: the context carries the related purchases (only Rapport's predicate reads it). */
type Matcher = (doc: MemoryDoc, context: PredicateContext) => boolean

type CountingLoop = (
  docs: readonly MemoryDoc[],
  contexts: readonly PredicateContext[],
  matcher: Matcher,
) => number

let loops = 0

/**
 * A loop over all records, compiled apart for each matcher (a unique comment defeats V8's cache of
 * identical sources). One shared loop would call a dozen matchers from one call site: a megamorphic call
 * that is never inlined, which adds the same cost to every matcher and squeezes the ratios towards 1.
 */
function countingLoop(): CountingLoop {
  return new Function(
    'docs',
    'contexts',
    'matcher',
    `/* loop ${loops++} */ let n = 0
    for (let i = 0; i < docs.length; i++) if (matcher(docs[i], contexts[i])) n++
    return n`,
  ) as CountingLoop
}

function selected(docs: readonly MemoryDoc[], contexts: readonly PredicateContext[], matcher: Matcher) {
  const out: number[] = []
  for (let i = 0; i < docs.length; i++) if (matcher(docs[i]!, contexts[i]!)) out.push(i)
  return out
}

function countingStep(
  docs: readonly MemoryDoc[],
  contexts: readonly PredicateContext[],
  matcher: Matcher,
  sink: { n: number },
): TimedStep {
  const loop = countingLoop()
  return {
    run() {
      // Kept, so the work cannot be optimised away.
      sink.n += loop(docs, contexts, matcher)
    },
  }
}

function siftMatcher(query: MongoQuery): Matcher {
  const test = sift<MongoQuery>(query)
  return (doc) => test(doc)
}

function mingoMatcher(query: MongoQuery): Matcher {
  const compiled = new Query(query)
  return (doc) => compiled.test(doc)
}

/**
 * Rapport's compiled predicate (`contacts.compileFilter`, i.e. `compilePredicate(resolved).at(now)`) vs a
 * hand-written function, sift and mingo, each over the same array of contact records. Every matcher is
 * compiled once, outside the timing; each timed run tests every record once.
 */
export async function measureMemorySegments(
  count: number,
  runs: number,
  log: (line: string) => void,
): Promise<MemoryBenchResult> {
  const clock = benchClock()
  const crm = createSegmentCrm(sqliteAdapter({ filename: ':memory:' }), clock)
  try {
    await crm.migrate()
    const tenant = crm.tenant(BENCH_TENANT)
    return await measureOver(tenant, await loadRecords(tenant, clock, count, log), runs, log)
  } finally {
    await crm.close()
  }
}

async function measureOver(
  tenant: SegmentTenant,
  { docs, contexts, purchases }: Awaited<ReturnType<typeof loadRecords>>,
  runs: number,
  log: (line: string) => void,
): Promise<MemoryBenchResult> {
  const contactsApi = tenant.contacts
  const mismatches: string[] = []
  const sink = { n: 0 }
  const matchersOf = (memoryCase: MemoryCase): Matcher[] => {
    const rapport = contactsApi.compileFilter(uncheckedFilter(memoryCase.filter))
    return [
      rapport,
      (doc) => memoryCase.handWritten(doc),
      siftMatcher(memoryCase.mongo),
      mingoMatcher(memoryCase.mongo),
    ]
  }
  const matchers = MEMORY_CASES.map(matchersOf)
  const matchCounts = MEMORY_CASES.map((memoryCase, c) => {
    const [expected, ...others] = matchers[c]!.map((matcher) => selected(docs, contexts, matcher))
    others.forEach((ids, m) => {
      if (ids.length !== expected!.length || ids.some((id, i) => id !== expected![i])) {
        const who = ['hand-written', 'sift', 'mingo'][m]
        mismatches.push(
          `memory (${memoryCase.key}): Rapport selected ${expected!.length}, ${who} ${ids.length}`,
        )
      }
    })
    return expected!.length
  })

  log(`  timing ${MEMORY_CASES.length} filters x 4 matchers, ${runs} rounds ...`)
  const steps = matchers.flatMap((caseMatchers) =>
    caseMatchers.map((m) => countingStep(docs, contexts, m, sink)),
  )
  const timings = await timeInterleaved(steps, runs)
  const measurements = MEMORY_CASES.map((memoryCase, c) => {
    const [rapport, handWritten, siftTiming, mingoTiming] = timings.slice(c * 4, c * 4 + 4)
    return {
      memoryCase,
      matches: matchCounts[c]!,
      rapport: rapport!,
      handWritten: handWritten!,
      sift: siftTiming!,
      mingo: mingoTiming!,
    }
  })
  return { records: docs.length, purchases, runs, measurements, mismatches }
}
