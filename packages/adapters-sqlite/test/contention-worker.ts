/**
 * One process of the SQLite contention tests (sqlite-contention.test.ts), run with tsx:
 *
 *   tsx contention-worker.ts <job.json>
 *
 * It opens the job's database file with two adapters (two connections in this process), runs mixed commands
 * for a while, then an SLA sweep on each connection, and prints one JSON line: what succeeded, and every
 * failure by code (`raw` for anything that is not a RapportError with a known code). Before reading the
 * job, and before each phase, it prints `ready` and waits for a line on stdin: the parent sends it once
 * every process is ready, so the phases start together however long each process took to load.
 */
import { readFileSync } from 'node:fs'
import { createCrm, RAPPORT_ERROR_CODES, RapportError } from '@rapport/core'
import { sqliteAdapter } from '@rapport/sqlite'

/** What the parent test hands each process. */
export interface ContentionJob {
  readonly file: string
  /** The tenant of the mixed commands. */
  readonly tenant: string
  readonly durationMs: number
  /** Async loops per connection. */
  readonly loops: number
  readonly contactIds: readonly string[]
  readonly dealIds: readonly string[]
  /** The tenant whose SLA clocks every connection sweeps, after the mixed commands. */
  readonly sweepTenant: string
  /** The instant to sweep at. */
  readonly sweepAt: string
}

/** What a process reports back. */
export interface ContentionReport {
  readonly contactUpdates: Record<string, number>
  readonly dealChanges: Record<string, number>
  activities: number
  readonly sweeps: { warnings: number; breaches: number; escalations: number; clocks: number }[]
  /** Failures by error code; `raw` counts anything else. */
  readonly failures: Record<string, number>
  /** The first few raw failures, as text. */
  readonly raw: string[]
  /** Every failed sweep, as text. */
  readonly sweepFailures: string[]
}

const KNOWN_CODES = new Set<string>(RAPPORT_ERROR_CODES)
const OPEN_STAGES = ['qualification', 'needsAnalysis', 'proposal', 'negotiation']

const input = process.stdin[Symbol.asyncIterator]()

/** Says `ready` and waits for the parent's go, which comes once every process is ready. */
async function barrier(): Promise<void> {
  process.stdout.write('ready\n')
  await input.next()
}

// Loading this file is most of a process's start: the parent prepares the database and writes the job
// meanwhile, and says go when both are done.
await barrier()
const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ContentionJob
const report: ContentionReport = {
  contactUpdates: {},
  dealChanges: {},
  activities: 0,
  sweeps: [],
  failures: {},
  raw: [],
  sweepFailures: [],
}

function failed(error: unknown): void {
  const code = error instanceof RapportError && KNOWN_CODES.has(error.code) ? error.code : 'raw'
  report.failures[code] = (report.failures[code] ?? 0) + 1
  if (code === 'raw' && report.raw.length < 5) report.raw.push(String(error))
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!
}

const crms = [0, 1].map(() => createCrm({ adapter: sqliteAdapter({ filename: job.file }) }))

async function mixedStep(t: ReturnType<(typeof crms)[number]['tenant']>): Promise<void> {
  const roll = Math.random()
  if (roll < 0.5) {
    const id = pick(job.contactIds)
    const contact = await t.contacts.get(id)
    await t.contacts.update(id, { lastName: `v${contact.version}` }, { expectedVersion: contact.version })
    report.contactUpdates[id] = (report.contactUpdates[id] ?? 0) + 1
  } else if (roll < 0.8) {
    const id = pick(job.dealIds)
    const deal = await t.deals.get(id)
    const expectedVersion = deal.version
    if (!OPEN_STAGES.includes(deal.stageKey)) await t.deals.reopen(id, pick(OPEN_STAGES), { expectedVersion })
    else if (roll < 0.74) {
      await t.deals.move(id, pick(OPEN_STAGES.filter((s) => s !== deal.stageKey)), { expectedVersion })
    } else if (roll < 0.77) await t.deals.markWon(id, { expectedVersion })
    else await t.deals.markLost(id, { expectedVersion })
    report.dealChanges[id] = (report.dealChanges[id] ?? 0) + 1
  } else {
    await t.activities.create({
      type: 'note',
      subject: 'Contention',
      contactIds: [pick(job.contactIds)],
      dealIds: [pick(job.dealIds)],
    })
    report.activities++
  }
}

async function loop(crm: (typeof crms)[number]): Promise<void> {
  const t = crm.tenant(job.tenant)
  const end = Date.now() + job.durationMs
  while (Date.now() < end) {
    try {
      await mixedStep(t)
    } catch (error) {
      failed(error)
    }
  }
}

async function sweep(crm: (typeof crms)[number]): Promise<void> {
  try {
    const result = await crm.tenant(job.sweepTenant).sla.sweep(job.sweepAt, { batchSize: 3 })
    report.sweeps.push({
      clocks: result.clocks,
      warnings: result.warnings,
      breaches: result.breaches,
      escalations: result.escalations,
    })
  } catch (error) {
    report.sweepFailures.push(String(error))
  }
}

// A first read per connection, so the race below does not start with one process still opening its file.
for (const crm of crms) await crm.tenant(job.tenant).contacts.count()
await barrier()
await Promise.all(crms.flatMap((crm) => Array.from({ length: job.loops }, () => loop(crm))))
await barrier()
await Promise.all(crms.map(sweep))
for (const crm of crms) await crm.close()
process.stdout.write(`${JSON.stringify(report)}\n`)
process.stdin.destroy()
