/**
 * `pnpm bench`: runs every benchmark, one after another (each prints its own ratios). Pass names to run
 * some: `pnpm bench import pipeline`. Postgres benchmarks use RAPPORT_BENCH_PG_URL or the local server.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

const BENCHES = ['import', 'pipeline', 'sla-calendar', 'sla', 'segments', 'campaigns'] as const

const wanted = process.argv.slice(2)
const selected = wanted.length === 0 ? BENCHES : BENCHES.filter((name) => wanted.includes(name))
if (selected.length === 0) {
  console.error(`Unknown benchmark(s) ${wanted.join(', ')}; known: ${BENCHES.join(', ')}`)
  process.exit(2)
}
for (const name of selected) {
  console.log(`\n=== bench/${name}.ts ===`)
  execFileSync(process.execPath, [...process.execArgv, join(import.meta.dirname, `${name}.ts`)], {
    stdio: 'inherit',
  })
}
