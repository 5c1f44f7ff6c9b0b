/**
 * `contacts.createMany` of many realistic contacts vs raw driver inserts of the same rows, on SQLite and
 * Postgres, printing rows/s and Rapport's rate as a share of the raw rate. Prints only; exits non-zero
 * only on errors.
 *
 *   npx tsx bench/import.ts [--rows 100000] [--runs 3] [--only sqlite|postgres]
 *
 * Postgres: RAPPORT_BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/test (a schema is created
 * for the run and dropped after).
 */
import { cpus, loadavg } from 'node:os'
import { benchContactCustomFields, makeContactInputs } from './lib/contact-fixtures'
import { parseImportBenchOptions } from './lib/import-options'
import { formatBreakdown, formatImportTable, formatRuns } from './lib/import-report'
import type { DatabaseImportResult } from './lib/import-result'
import { measureValidationCost } from './lib/import-validation-cost'
import { benchPostgresUrl, measurePostgresImport } from './lib/postgres-import'
import { measureSqliteImport } from './lib/sqlite-import'

async function main() {
  const options = parseImportBenchOptions(process.argv.slice(2))
  const inputs = makeContactInputs(options.rows)
  const rows = options.rows.toLocaleString('en-US')
  console.log(
    `Import of ${rows} contacts, median of ${options.runs} runs after a warm-up (node ${process.version})`,
  )
  // Ratios are only as steady as the machine: say how busy it was.
  const machine = () => `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`
  console.log(`at start: ${machine()}`)
  const results: DatabaseImportResult[] = []
  if (options.databases.includes('sqlite')) {
    console.log('measuring SQLite (WAL file in a temp dir) ...')
    results.push(await measureSqliteImport(inputs, options.runs))
  }
  if (options.databases.includes('postgres')) {
    console.log(`measuring Postgres at ${benchPostgresUrl().replace(/\/\/[^@/]*@/, '//***@')} ...`)
    results.push(await measurePostgresImport(inputs, options.runs))
  }
  const validation = await measureValidationCost(inputs, benchContactCustomFields, options.runs)

  console.log(`at end: ${machine()}`)
  console.log()
  console.log(formatImportTable(options.rows, results))
  console.log(
    'Rapport/raw = Rapport rows/s divided by the raw path rows/s (runs interleaved, same rows, same table)',
  )
  console.log()
  console.log("Where Rapport's time goes (medians, ms):")
  console.log(formatBreakdown(results, validation))
  console.log()
  console.log('All timed runs:')
  console.log(formatRuns(results))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
