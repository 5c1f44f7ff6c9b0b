/**
 * Segments benchmark. SQL: 1M contacts with 0-5 purchases each, seeded through Rapport; Rapport's
 * `contacts.count({ filter })` and first page `contacts.list({ filter, limit: 50 })` vs the same question
 * hand-written in SQL on the raw driver (better-sqlite3, pg), same tables, same results (checked), for three
 * segments; then (a) and (d) = (a) and (c) after `crm.indexes.ensure` adds a composite index. Goal:
 * Rapport <= 1.2x the fastest hand-written query. Memory: Rapport's compiled predicate vs a hand-written
 * function, sift and mingo over ~100k contact records. Goals: <= 3x hand-written, >= 10x faster than mingo.
 *
 * Prints medians and ratios; exits non-zero only on errors or when two matchers disagree. `--runs` is the
 * number of timed rounds after a warm-up (the in-memory part times at least 10, as one pass is short).
 *
 *   npx tsx bench/segments.ts [--contacts 1000000] [--memory-contacts 100000] [--runs 5]
 *                             [--only sqlite|postgres|memory]
 *
 * Postgres: RAPPORT_BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/test (a schema is created for
 * the run and dropped after). SQLite: a WAL file in a temp dir, removed after.
 */
import { cpus, loadavg } from 'node:os'
import { goldBigSpendersInDe, SEGMENT_CASES } from './lib/segments-cases'
import { type MemoryBenchResult, measureMemorySegments } from './lib/segments-memory'
import { parseSegmentsOptions } from './lib/segments-options'
import { openPostgresTarget, segmentsPostgresUrl } from './lib/segments-postgres'
import {
  formatIndexEffect,
  formatMemoryTable,
  formatPlanCache,
  formatPlans,
  formatSqlRuns,
  formatSqlTable,
} from './lib/segments-report'
import { measureSqlSegments, type SqlBenchResult } from './lib/segments-sql-bench'
import type { SqlTarget } from './lib/segments-sql-target'
import { openSqliteTarget } from './lib/segments-sqlite'

const log = (line: string) => console.log(line)
const number = (value: number) => value.toLocaleString('en-US')
// Ratios are only as steady as the machine: say how busy it was.
const machine = () => `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`

async function measureOn(open: () => Promise<SqlTarget>, runs: number): Promise<SqlBenchResult> {
  const target = await open()
  try {
    const { seed } = target
    log(
      `  ${target.description}: ${number(seed.contacts)} contacts, ${number(seed.purchases)} purchases, ` +
        `seeded in ${seed.seconds.toFixed(0)} s`,
    )
    return await measureSqlSegments(target, runs, log)
  } finally {
    await target.close()
  }
}

function printSql(results: readonly SqlBenchResult[], contacts: number, runs: number) {
  console.log()
  console.log(`SQL: ${number(contacts)} contacts, median ms of ${runs} interleaved rounds after a warm-up`)
  for (const segment of [...SEGMENT_CASES, goldBigSpendersInDe]) {
    console.log(`  (${segment.key}) ${segment.title}`)
  }
  console.log()
  console.log(formatSqlTable(results))
  console.log(
    'Rapport/raw = Rapport median / hand-written median; the goal is judged against the fastest variant.',
  )
  console.log('first page = 50 contacts, newest first (Rapport default order), all columns.')
  console.log(
    "Before timing: Rapport's code runs 200 times per query on an empty in-memory CRM (a warm app), and " +
      "on Postgres Rapport's named statements run 3 extra times to settle their cached plan.",
  )
  console.log()
  console.log('Segment (a) with the composite index (crm.indexes.ensure; the raw side gets its own twin):')
  console.log(formatIndexEffect(results))
  console.log()
  console.log('Query plans (SQLite: EXPLAIN QUERY PLAN details; Postgres: EXPLAIN plan nodes):')
  console.log(formatPlans(results))
  const planCache = formatPlanCache(results)
  if (planCache) {
    console.log()
    console.log(
      "Postgres plan cache of Rapport's named statements (counts include the untimed checks and warm-ups):",
    )
    console.log(planCache)
  }
  console.log()
  console.log('All timed runs (ms):')
  console.log(formatSqlRuns(results))
}

function printMemory(result: MemoryBenchResult) {
  console.log()
  console.log(
    `Memory: ${number(result.records)} contact records (${number(result.purchases)} purchases embedded), ` +
      `median ms per pass over all records, ${result.runs} interleaved rounds`,
  )
  console.log(formatMemoryTable(result))
  console.log(
    'Rapport = contacts.compileFilter(filter), i.e. compilePredicate(resolved).at(now); purchases passed ' +
      'as context.related.',
  )
}

async function main() {
  const options = parseSegmentsOptions(process.argv.slice(2))
  console.log(`Segments benchmark (node ${process.version}); at start: ${machine()}`)
  const sqlResults: SqlBenchResult[] = []
  if (options.parts.includes('sqlite')) {
    log('SQLite: seeding through Rapport ...')
    sqlResults.push(await measureOn(() => openSqliteTarget(options.contacts, log), options.runs))
  }
  if (options.parts.includes('postgres')) {
    log(`Postgres at ${segmentsPostgresUrl().replace(/\/\/[^@/]*@/, '//***@')}: seeding through Rapport ...`)
    sqlResults.push(await measureOn(() => openPostgresTarget(options.contacts, log), options.runs))
  }
  let memory: MemoryBenchResult | undefined
  if (options.parts.includes('memory')) {
    log('Memory: creating the records through Rapport (in-memory SQLite) ...')
    memory = await measureMemorySegments(options.memoryContacts, Math.max(options.runs, 10), log)
  }
  console.log(`at end: ${machine()}`)

  if (sqlResults.length > 0) printSql(sqlResults, options.contacts, options.runs)
  if (memory) printMemory(memory)

  const mismatches = [...sqlResults.flatMap((r) => r.mismatches), ...(memory?.mismatches ?? [])]
  console.log()
  if (mismatches.length > 0) {
    console.log('RESULT MISMATCHES:')
    for (const mismatch of mismatches) console.log(`  ${mismatch}`)
    process.exitCode = 1
  } else {
    console.log('Every hand-written query and matcher selected the same records as Rapport.')
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
