import { uncheckedFilter } from '@rapport/core'
import { type TimedStep, type Timing, timeInterleaved } from './import-timing'
import {
  INDEXED_CASES,
  PAGE_SIZE,
  type RawQuery,
  rawCountQuery,
  rawFirstPageQuery,
  SEGMENT_CASES,
  type SegmentCase,
} from './segments-cases'
import { warmUpRapportCode } from './segments-jit-warm-up'
import type { CapturedQuery, PlanCacheUse, SqlTarget } from './segments-sql-target'

/** What one timed query asks. */
export type QueryKind = 'count' | 'first page'

/** Which indexes the table had while a query was timed. */
export type IndexPhase = 'migration indexes' | '+ country,tier index'

/** A hand-written query, timed. */
export interface RawTiming {
  readonly label: string
  readonly timing: Timing
}

/** One query asked through Rapport and by hand, timed in the same interleaved rounds. */
export interface SqlMeasurement {
  readonly database: SqlTarget['database']
  readonly segment: SegmentCase
  readonly query: QueryKind
  readonly phase: IndexPhase
  /** The segment's size (the count both sides returned). */
  readonly matches: number
  readonly rapport: Timing
  readonly raw: readonly RawTiming[]
  /** How the plan cache ran Rapport's statement, counted after the timed rounds (Postgres). */
  readonly planCache?: PlanCacheUse
}

/** A query plan, on one line. */
export interface PlanLine {
  readonly database: SqlTarget['database']
  readonly phase: IndexPhase
  readonly segment: string
  readonly query: QueryKind
  readonly who: string
  readonly plan: string
}

/** Everything measured on one database. */
export interface SqlBenchResult {
  readonly database: SqlTarget['database']
  readonly description: string
  readonly measurements: readonly SqlMeasurement[]
  readonly plans: readonly PlanLine[]
  /** Results that differed between Rapport and a hand-written query: the benchmark fails on any. */
  readonly mismatches: readonly string[]
  /** The index Rapport created for filter (a). */
  readonly indexName: string
}

/** One query through Rapport and its hand-written twins, checked and ready to time. */
interface QueryComparison {
  readonly measurement: Omit<SqlMeasurement, 'rapport' | 'raw'>
  /** The statement Rapport sends for this query. */
  readonly statement: CapturedQuery
  readonly rapport: TimedStep
  readonly raw: readonly { label: string; step: TimedStep }[]
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}

/**
 * Checks that Rapport and each hand-written query select the same contacts (count and first page), records
 * every plan, and returns the steps to time.
 */
async function prepareCase(
  target: SqlTarget,
  segment: SegmentCase,
  phase: IndexPhase,
  plans: PlanLine[],
  mismatches: string[],
): Promise<QueryComparison[]> {
  const { tenant, capture, flavor, database } = target
  const where = `${database} ${phase}, segment (${segment.key})`
  const countOnce = () => tenant.contacts.count({ filter: uncheckedFilter(segment.filter) })
  const pageOnce = () => tenant.contacts.list({ filter: uncheckedFilter(segment.filter), limit: PAGE_SIZE })

  let matches = 0
  let pageIds: string[] = []
  const countSql = await capture.during(async () => {
    matches = await countOnce()
  })
  const pageSql = await capture.during(async () => {
    pageIds = (await pageOnce()).items.map((c) => c.id)
  })
  const plan = (query: QueryKind, who: string, text: string) =>
    plans.push({ database, phase, segment: segment.key, query, who, plan: text })
  for (const [query, captured] of [
    ['count', countSql],
    ['first page', pageSql],
  ] as const) {
    if (captured.length !== 1)
      throw new Error(`${where}: Rapport sent ${captured.length} statements for ${query}`)
    plan(query, 'Rapport', await target.explainRapport(captured[0]!))
  }

  const rawCounts: { label: string; step: TimedStep }[] = []
  const rawPages: { label: string; step: TimedStep }[] = []
  for (const variant of segment.raw) {
    const count: RawQuery = rawCountQuery(flavor, variant)
    const page: RawQuery = rawFirstPageQuery(flavor, variant)
    const rawMatches = await target.rawCount(count)
    if (rawMatches !== matches) {
      mismatches.push(`${where}: Rapport counted ${matches}, ${variant.label} counted ${rawMatches}`)
    }
    const rawIds = await target.rawPageIds(page)
    if (!sameIds(pageIds, rawIds)) {
      mismatches.push(`${where}: first pages differ between Rapport and ${variant.label}`)
    }
    plan('count', variant.label, await target.explainRaw(count))
    plan('first page', variant.label, await target.explainRaw(page))
    rawCounts.push({ label: variant.label, step: { run: () => target.rawCount(count).then(() => {}) } })
    rawPages.push({ label: variant.label, step: { run: () => target.rawPageIds(page).then(() => {}) } })
  }

  const base = { database, segment, phase, matches }
  return [
    {
      measurement: { ...base, query: 'count' },
      statement: countSql[0]!,
      rapport: { run: () => countOnce().then(() => {}) },
      raw: rawCounts,
    },
    {
      measurement: { ...base, query: 'first page' },
      statement: pageSql[0]!,
      rapport: { run: () => pageOnce().then(() => {}) },
      raw: rawPages,
    },
  ]
}

/**
 * Extra untimed runs of Rapport's statements where a plan cache decides late. Postgres plans a named
 * statement afresh for its first five executions and only then settles on a generic or custom plan; the
 * untimed check and the warm-up are two, so three more put every timed run in that steady state, which is
 * what a long-running app sees. The hand-written queries run unnamed and are planned on every call.
 */
const PLAN_CACHE_WARM_UP = 3

/** Times every group's steps in the same interleaved rounds, then reads how each statement was planned. */
async function timeGroups(
  target: SqlTarget,
  groups: readonly QueryComparison[],
  runs: number,
): Promise<SqlMeasurement[]> {
  if (target.planCache) {
    for (let round = 0; round < PLAN_CACHE_WARM_UP; round++) {
      for (const group of groups) await group.rapport.run()
    }
  }
  const steps = groups.flatMap((group) => [group.rapport, ...group.raw.map((r) => r.step)])
  const timings = await timeInterleaved(steps, runs)
  let next = 0
  const measurements: SqlMeasurement[] = []
  for (const group of groups) {
    const rapport = timings[next++]!
    const raw = group.raw.map((r) => ({ label: r.label, timing: timings[next++]! }))
    const planCache = await target.planCache?.(group.statement)
    measurements.push({ ...group.measurement, rapport, raw, ...(planCache ? { planCache } : {}) })
  }
  return measurements
}

/**
 * The SQL half of the benchmark on one seeded database: after warming up Rapport's code, every segment
 * through Rapport and by hand with the migration's indexes, then segments (a) and (d) after
 * `crm.indexes.ensure` adds a composite index on (tenant_id, country, custom.tier) and the developer adds
 * the same index for their own expression.
 */
export async function measureSqlSegments(
  target: SqlTarget,
  runs: number,
  log: (line: string) => void,
): Promise<SqlBenchResult> {
  const plans: PlanLine[] = []
  const mismatches: string[] = []
  await target.analyze()
  log("  warming up Rapport's code on an empty in-memory CRM ...")
  await warmUpRapportCode([...SEGMENT_CASES, ...INDEXED_CASES])

  log('  checking results and plans ...')
  const groups: QueryComparison[] = []
  for (const segment of SEGMENT_CASES) {
    groups.push(...(await prepareCase(target, segment, 'migration indexes', plans, mismatches)))
  }
  const timingLog = (list: readonly QueryComparison[]) => {
    const raw = list.reduce((n, group) => n + group.raw.length, 0)
    log(`  timing ${list.length} Rapport queries and ${raw} hand-written ones, ${runs} rounds ...`)
  }
  timingLog(groups)
  const measurements = await timeGroups(target, groups, runs)

  log('  adding the country,tier index (Rapport: crm.indexes.ensure; raw: the same on its expression) ...')
  const indexName = await target.crm.indexes.ensure({ entity: 'contact', fields: ['country', 'custom.tier'] })
  await target.execute(target.flavor.countryTierIndex)
  await target.analyze()
  const indexed: QueryComparison[] = []
  for (const segment of INDEXED_CASES) {
    indexed.push(...(await prepareCase(target, segment, '+ country,tier index', plans, mismatches)))
  }
  timingLog(indexed)
  measurements.push(...(await timeGroups(target, indexed, runs)))

  return {
    database: target.database,
    description: target.description,
    measurements,
    plans,
    mismatches,
    indexName,
  }
}
