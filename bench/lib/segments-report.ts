import type { Timing } from './import-timing'
import type { MemoryBenchResult } from './segments-memory'
import type { SqlBenchResult, SqlMeasurement } from './segments-sql-bench'

/** Rapport's SQL may take at most this multiple of the fastest hand-written query. */
export const SQL_GOAL = 1.2
/** Rapport's predicate may take at most this multiple of the hand-written function. */
export const HAND_WRITTEN_GOAL = 3
/** Rapport's predicate must be at least this many times faster than mingo. */
export const MINGO_GOAL = 10

function table(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[]) {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

const ms = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2)
const times = (value: number) => `${value.toFixed(2)}x`
const count = (value: number) => value.toLocaleString('en-US')
const verdict = (met: boolean) => (met ? 'met' : 'NOT met')

function fastestRaw(measurement: SqlMeasurement) {
  return measurement.raw.reduce((best, r) => (r.timing.medianMs < best.timing.medianMs ? r : best))
}

/**
 * Rapport vs every hand-written variant of each query; the goal is judged against the fastest variant,
 * since that is the one a competent developer would keep.
 */
export function formatSqlTable(results: readonly SqlBenchResult[]): string {
  const rows: string[][] = []
  for (const result of results) {
    for (const m of result.measurements) {
      const fastest = fastestRaw(m)
      m.raw.forEach((raw, i) => {
        const ratio = m.rapport.medianMs / raw.timing.medianMs
        const first = i === 0
        rows.push([
          first ? result.database : '',
          first ? `(${m.segment.key})` : '',
          first ? m.query : '',
          first ? m.phase : '',
          first ? count(m.matches) : '',
          first ? ms(m.rapport.medianMs) : '',
          raw.label,
          ms(raw.timing.medianMs),
          times(ratio),
          raw === fastest ? verdict(ratio <= SQL_GOAL) : '',
        ])
      })
    }
  }
  const header = [
    'database',
    'seg',
    'query',
    'indexes',
    'matches',
    'Rapport ms',
    'hand-written SQL',
    'raw ms',
    'Rapport/raw',
    `goal <= ${SQL_GOAL}x`,
  ]
  return table(header, rows, [false, false, false, false, true, true, false, true, true, false])
}

/** Filter (a) before and after its index, on each database. */
export function formatIndexEffect(results: readonly SqlBenchResult[]): string {
  const lines: string[] = []
  for (const result of results) {
    const of = (phase: SqlMeasurement['phase'], query: SqlMeasurement['query']) =>
      result.measurements.find((m) => m.segment.key === 'a' && m.phase === phase && m.query === query)
    for (const query of ['count', 'first page'] as const) {
      const before = of('migration indexes', query)
      const after = of('+ country,tier index', query)
      if (!before || !after) continue
      const side = (label: string, a: number, b: number) =>
        `${label} ${ms(a)} -> ${ms(b)} ms (${(a / b).toFixed(0)}x)`
      const rapport = side('Rapport', before.rapport.medianMs, after.rapport.medianMs)
      const raw = side('raw', fastestRaw(before).timing.medianMs, fastestRaw(after).timing.medianMs)
      lines.push(`  ${result.database.padEnd(8)} (a) ${query.padEnd(10)}  ${rapport};  ${raw}`)
    }
    lines.push(`  ${result.database.padEnd(8)} index created by crm.indexes.ensure: ${result.indexName}`)
  }
  return lines.join('\n')
}

/** One plan per line, grouped by database, index phase and query. */
export function formatPlans(results: readonly SqlBenchResult[]): string {
  const lines: string[] = []
  for (const result of results) {
    let heading = ''
    for (const plan of result.plans) {
      const next = `  ${result.database}, ${plan.phase}:`
      if (next !== heading) {
        heading = next
        lines.push(heading)
      }
      lines.push(`    (${plan.segment}) ${plan.query.padEnd(10)} ${plan.who.padEnd(21)} ${plan.plan}`)
    }
  }
  return lines.join('\n')
}

/** How Postgres' plan cache ran Rapport's named statements (nothing for databases without one). */
export function formatPlanCache(results: readonly SqlBenchResult[]): string {
  const lines: string[] = []
  for (const result of results) {
    for (const m of result.measurements) {
      if (!m.planCache) continue
      const { genericRuns, customRuns, genericPlan } = m.planCache
      const what = `  ${result.database} (${m.segment.key}) ${m.query}, ${m.phase}:`
      const plan = genericPlan ? `; generic plan: ${genericPlan}` : ''
      lines.push(`${what} ${customRuns} custom / ${genericRuns} generic executions so far${plan}`)
    }
  }
  return lines.join('\n')
}

/** Every timed run of the SQL queries, so a noisy median shows itself. */
export function formatSqlRuns(results: readonly SqlBenchResult[]): string {
  const runs = (timing: Timing) => timing.runsMs.map(ms).join(', ')
  const lines: string[] = []
  for (const result of results) {
    for (const m of result.measurements) {
      const what = `  ${result.database} (${m.segment.key}) ${m.query}, ${m.phase}:`
      lines.push(
        `${what} Rapport ${runs(m.rapport)}; ${m.raw.map((r) => `${r.label} ${runs(r.timing)}`).join('; ')}`,
      )
    }
  }
  return lines.join('\n')
}

/** Rapport's predicate vs the hand-written function (goal <= 3x) and vs mingo (goal >= 10x faster). */
export function formatMemoryTable(result: MemoryBenchResult): string {
  const rows = result.measurements.map((m) => {
    const rapport = m.rapport.medianMs
    const overHand = rapport / m.handWritten.medianMs
    const mingoOver = m.mingo.medianMs / rapport
    return [
      `(${m.memoryCase.key})`,
      count(m.matches),
      ms(rapport),
      ms(m.handWritten.medianMs),
      ms(m.sift.medianMs),
      ms(m.mingo.medianMs),
      times(overHand),
      verdict(overHand <= HAND_WRITTEN_GOAL),
      times(m.sift.medianMs / rapport),
      times(mingoOver),
      verdict(mingoOver >= MINGO_GOAL),
    ]
  })
  const header = [
    'filter',
    'matches',
    'Rapport ms',
    'hand ms',
    'sift ms',
    'mingo ms',
    'Rapport/hand',
    `goal <= ${HAND_WRITTEN_GOAL}x`,
    'sift/Rapport',
    'mingo/Rapport',
    `goal >= ${MINGO_GOAL}x`,
  ]
  const legend = result.measurements.map((m) => `  (${m.memoryCase.key}) ${m.memoryCase.title}`)
  return [
    table(header, rows, [false, true, true, true, true, true, true, false, true, true, false]),
    ...legend,
  ].join('\n')
}
