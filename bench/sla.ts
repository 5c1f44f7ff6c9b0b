/**
 * SLA benchmark, two parts:
 *
 * 1. The clock math: `addBusinessTime` for 8h and 400h targets on a Berlin office calendar (goal: ≤ 10 µs
 *    per 8h call, and 400h ≤ 3× 8h) and one `advanceClock` tick. The full calendar table (cold caches,
 *    `businessTimeBetween`, a naive TZDate reference) is bench/sla-calendar.ts.
 * 2. `sla.sweep` over many open cases (default 100,000, each with a first-response and a resolution clock)
 *    on SQLite (WAL file) and Postgres: seeding with `createMany`, a sweep when nothing is due (the indexed
 *    range query alone), a sweep that announces every case's first-response warning, and the sweep after.
 *
 *   npx tsx bench/sla.ts [--cases 100000] [--only sqlite|postgres]
 *
 * Postgres: RAPPORT_BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/test (a schema is created for
 * the run and dropped after). Prints only; exits non-zero only on errors.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  addBusinessTime,
  advanceClock,
  type BusinessCalendarDefinition,
  createBusinessCalendar,
  createCrm,
  type SlaPolicyInput,
  startClock,
} from '@rapport/core'
import type { StoragePort } from '@rapport/core/storage'
import { postgresAdapter } from '@rapport/postgres'
import { sqliteAdapter } from '@rapport/sqlite'
import pg from 'pg'
import { timeAsync } from './lib/median'

const args = process.argv.slice(2)
const CASES = Number(args[args.indexOf('--cases') + 1] || 100_000) || 100_000
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const PG_URL = process.env.RAPPORT_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const SEED_CHUNK = 10_000
const DAY_MS = 86_400_000

const nineToFive = [{ from: '09:00', to: '17:00' }]
const berlin: BusinessCalendarDefinition = {
  timeZone: 'Europe/Berlin',
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-01',
    '2026-05-14',
    '2026-05-25',
    '2026-10-03',
  ],
}
const policy: SlaPolicyInput = {
  key: 'standard',
  label: 'Standard',
  calendar: 'berlin',
  targets: { normal: { firstResponse: { minutes: 60 }, resolution: { minutes: 480 } } },
  escalations: [{ level: 1, afterMinutes: 30, action: 'notifyLead' }],
}

/** Mean µs per call: a warm-up pass, then whole passes until `budgetMs` has elapsed. */
function microsPerCall<T>(inputs: readonly T[], run: (input: T) => unknown, budgetMs = 500): number {
  let sink = 0
  for (const input of inputs) sink += Number(Boolean(run(input)))
  let calls = 0
  const started = performance.now()
  let elapsed = 0
  while (elapsed < budgetMs) {
    for (const input of inputs) sink += Number(Boolean(run(input)))
    calls += inputs.length
    elapsed = performance.now() - started
  }
  if (sink < 0) console.log(sink)
  return (elapsed * 1000) / calls
}

function clockMath() {
  const calendar = createBusinessCalendar(berlin)
  let state = 20260327
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
  const starts = Array.from(
    { length: 2000 },
    () => new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 365 * DAY_MS)),
  )
  const add8h = microsPerCall(starts, (start) => addBusinessTime(start, 8 * 60, calendar))
  const add400h = microsPerCall(starts, (start) => addBusinessTime(start, 400 * 60, calendar))
  const target = {
    targetMinutes: 480,
    business: true,
    calendarKey: 'berlin',
    warningShare: 0.75,
    escalations: [],
  }
  const clocks = starts.map((start) => {
    const iso = start.toISOString()
    return [
      startClock({ startedAt: iso, target }, iso, calendar).clock,
      new Date(start.getTime() + 3 * DAY_MS).toISOString(),
    ] as const
  })
  const tick = microsPerCall(clocks, ([clock, now]) => advanceClock(clock, { kind: 'tick' }, now, calendar))
  const micros = (value: number) => `${value.toFixed(2)} µs`
  console.log(
    'Clock math — Europe/Berlin, Mon–Fri 09:00–17:00, 7 holidays, 2000 random starts in 2026 (warm)',
  )
  console.log(`  addBusinessTime 8h     ${micros(add8h).padStart(10)}   goal ≤ 10 µs`)
  console.log(
    `  addBusinessTime 400h   ${micros(add400h).padStart(10)}   ${(add400h / add8h).toFixed(2)}× the 8h cost, goal ≤ 3×`,
  )
  console.log(
    `  advanceClock tick      ${micros(tick).padStart(10)}   (a 480-minute clock 3 days on: warning and breach crossed)`,
  )
}

interface SweepFigures {
  readonly name: string
  readonly seedMs: number
  readonly idleMs: number
  readonly dueMs: number
  readonly warnings: number
  readonly againMs: number
}

async function measureSweep(name: string, adapter: StoragePort): Promise<SweepFigures> {
  // Monday 2026-03-02 09:00 Berlin. First responses are due at 10:00, warnings at 09:45.
  let now = new Date('2026-03-02T08:00:00.000Z')
  const crm = createCrm({ adapter, clock: { now: () => now } })
  await crm.migrate()
  const t = crm.tenant('bench')
  await t.sla.calendars.create({ key: 'berlin', definition: berlin })
  await t.sla.policies.create(policy)
  let warnings = 0
  crm.events.on('sla.warning', () => {
    warnings++
  })
  const seedMs = await timeAsync(async () => {
    for (let done = 0; done < CASES; done += SEED_CHUNK) {
      const size = Math.min(SEED_CHUNK, CASES - done)
      await t.cases.createMany(
        Array.from({ length: size }, (_, i) => ({
          subject: `Case ${done + i}: the device does not start`,
          product: `P${(done + i) % 40}`,
        })),
      )
    }
  })
  now = new Date('2026-03-02T08:30:00.000Z')
  let idle = { clocks: -1 }
  const idleMs = await timeAsync(async () => {
    idle = await t.sla.sweep()
  })
  if (idle.clocks !== 0) throw new Error(`expected nothing due, the sweep found ${idle.clocks}`)
  now = new Date('2026-03-02T08:50:00.000Z')
  const dueMs = await timeAsync(async () => {
    await t.sla.sweep()
  })
  let again = { clocks: -1 }
  const againMs = await timeAsync(async () => {
    again = await t.sla.sweep()
  })
  if (again.clocks !== 0) throw new Error(`expected nothing left, the sweep found ${again.clocks}`)
  await crm.close()
  return { name, seedMs, idleMs, dueMs, warnings, againMs }
}

async function sqliteRun(): Promise<SweepFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-sla-'))
  try {
    return await measureSweep('SQLite', sqliteAdapter({ filename: join(dir, 'crm.db') }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function postgresRun(): Promise<SweepFigures> {
  const schema = `rapport_bench_sla_${process.pid}`
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 })
  try {
    await admin.query('select 1')
  } catch (error) {
    await admin.end()
    throw new Error(`Postgres at ${PG_URL} is unreachable (set RAPPORT_BENCH_PG_URL): ${String(error)}`)
  }
  try {
    return await measureSweep('Postgres', postgresAdapter({ connectionString: PG_URL }, { schema }))
  } finally {
    await admin.query(`drop schema if exists "${schema}" cascade`)
    await admin.end()
  }
}

function report(results: readonly SweepFigures[]) {
  const count = CASES.toLocaleString('en-US')
  console.log(
    `\nsla.sweep over ${count} open cases (${(2 * CASES).toLocaleString('en-US')} clocks), batches of 200`,
  )
  const cell = (text: string) => text.padStart(26)
  const rows: [string, (r: SweepFigures) => string][] = [
    [
      'seed: createMany, 10k per call',
      (r) => `${(r.seedMs / 1000).toFixed(1)} s (${Math.round(CASES / (r.seedMs / 1000))} cases/s)`,
    ],
    ['sweep, nothing due', (r) => `${r.idleMs.toFixed(1)} ms`],
    [
      `sweep, ${count} warnings due`,
      (r) => `${(r.dueMs / 1000).toFixed(1)} s (${((r.dueMs * 1000) / CASES).toFixed(0)} µs/clock)`,
    ],
    ['warnings announced', (r) => r.warnings.toLocaleString('en-US')],
    ['sweep again, nothing left', (r) => `${r.againMs.toFixed(1)} ms`],
  ]
  console.log(`${''.padEnd(34)}${results.map((r) => cell(r.name)).join('')}`)
  for (const [label, value] of rows)
    console.log(`${label.padEnd(34)}${results.map((r) => cell(value(r))).join('')}`)
}

async function main() {
  console.log(`node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs\n`)
  clockMath()
  const results: SweepFigures[] = []
  if (ONLY === undefined || ONLY === 'sqlite') results.push(await sqliteRun())
  if (ONLY === undefined || ONLY === 'postgres') results.push(await postgresRun())
  report(results)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
