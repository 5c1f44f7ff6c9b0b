import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCrm, type SlaPolicyInput } from '@rapport/core'
import { sqliteAdapter } from '@rapport/sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContentionJob, ContentionReport } from './contention-worker'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const worker = fileURLToPath(new URL('./contention-worker.ts', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'rapport-sqlite-contention-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Child {
  /** Resolves when the process has said `ready` n times. */
  readonly ready: (n: number) => Promise<void>
  readonly go: () => void
  readonly report: Promise<ContentionReport>
}

/**
 * Starts one worker process on a job file (written before its first go); it says `ready` before reading the
 * job and before each phase, and resolves with its report.
 */
function startWorker(jobFile: string, index: number): Child {
  // The repository root as working directory: tsx resolves @rapport/* through its tsconfig paths.
  const child = spawn(process.execPath, ['--import', 'tsx', worker, jobFile], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  let exited = false
  const waiters: (() => void)[] = []
  const readyCount = () => out.split('\n').filter((line) => line === 'ready').length
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter()
  }
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    wake()
  })
  // A process that died early cannot take its go; its exit code tells the story.
  child.stdin.on('error', () => {})
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString()
  })
  const report = new Promise<ContentionReport>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      exited = true
      wake()
      const last = out.trim().split('\n').at(-1) ?? ''
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`worker ${index} exited with ${code}: ${err || out}`))
      } else resolve(JSON.parse(last) as ContentionReport)
    })
  })
  // Awaited by race() unless preparing the job failed first; never an unhandled rejection.
  report.catch(() => {})
  const ready = async (n: number) => {
    while (readyCount() < n && !exited) await new Promise<void>((resolve) => waiters.push(resolve))
  }
  return { ready, go: () => child.stdin.write('go\n'), report }
}

/**
 * Runs `processes` worker processes on one job; each phase starts in all of them together. They start loading
 * before `prepare` builds the database and the job, which is the slow part of a process's start.
 */
async function race(processes: number, prepare: () => Promise<ContentionJob>): Promise<ContentionReport[]> {
  const jobFile = join(dir, 'job.json')
  const children = Array.from({ length: processes }, (_, i) => startWorker(jobFile, i))
  const ready = (phase: number) => Promise.all(children.map((child) => child.ready(phase)))
  try {
    writeFileSync(jobFile, JSON.stringify(await prepare()))
  } finally {
    // Let the workers go even when preparing failed: they then fail to read the job and exit.
    await ready(1)
    for (const child of children) child.go()
  }
  for (const phase of [2, 3]) {
    await ready(phase)
    for (const child of children) child.go()
  }
  return Promise.all(children.map((child) => child.report))
}

function sumBy(reports: readonly ContentionReport[], pick: (r: ContentionReport) => Record<string, number>) {
  const total: Record<string, number> = {}
  for (const report of reports) {
    for (const [key, n] of Object.entries(pick(report))) total[key] = (total[key] ?? 0) + n
  }
  return total
}

/** 24×7: a warning at 7½ minutes, the breach at 10, an escalation at 15. */
const fastPolicy: SlaPolicyInput = {
  key: 'fast',
  label: 'Fast replies',
  targets: { normal: { firstResponse: { minutes: 10 } } },
  escalations: [{ level: 1, afterMinutes: 5, action: 'ping' }],
}

const file = join(dir, 'contended.db')
const CASES = 120
let contactIds: string[] = []
const dealIds: string[] = []
let reports: ContentionReport[] = []

// Two processes, each with two connections to one file: four connections, true parallelism between the
// processes (better-sqlite3 is synchronous, so only separate processes or threads really overlap). One race
// serves both tests: starting a process costs more than the race itself.
beforeAll(async () => {
  reports = await race(2, async () => {
    const crm = createCrm({ adapter: sqliteAdapter({ filename: file }) })
    await crm.migrate()
    const t = crm.tenant('acme')
    contactIds = (
      await t.contacts.createMany(Array.from({ length: 6 }, (_, i) => ({ firstName: `Hot ${i}` })))
    ).map((c) => c.id)
    // Deals share these contacts, so winning one rewrites contacts another deal also names.
    const shared = await t.contacts.createMany(
      Array.from({ length: 4 }, (_, i) => ({ firstName: `Buyer ${i}` })),
    )
    for (let i = 0; i < 5; i++) {
      const deal = await t.deals.create({
        name: `Deal ${i}`,
        contacts: [{ contactId: shared[i % 4]!.id }, { contactId: shared[(i + 1) % 4]!.id }],
      })
      dealIds.push(deal.id)
    }
    const sla = crm.tenant('sla')
    await sla.sla.policies.create(fastPolicy)
    await sla.cases.createMany(Array.from({ length: CASES }, (_, i) => ({ subject: `Case ${i}` })))
    await crm.close()

    const job: ContentionJob = {
      file,
      tenant: 'acme',
      durationMs: 2500,
      loops: 3,
      contactIds,
      dealIds,
      sweepTenant: 'sla',
      sweepAt: new Date(Date.now() + 60 * 60_000).toISOString(),
    }
    return job
  })
})

describe('SQLite under contention from two processes', () => {
  it('mixed multi-row commands: no raw error, no busy, no lost update', async () => {
    const failures = sumBy(reports, (r) => r.failures)
    expect(reports.flatMap((r) => r.raw)).toEqual([])
    // A lost compare-and-set is the only expected failure (`conflict`, or a refusal when the deal it read
    // as open was closed meanwhile); contention itself never surfaces.
    expect(
      Object.keys(failures).filter(
        (code) => !['conflict', 'invalidState', 'transitionRefused'].includes(code),
      ),
    ).toEqual([])
    const updates = sumBy(reports, (r) => r.contactUpdates)
    const changes = sumBy(reports, (r) => r.dealChanges)
    const activities = reports.reduce((sum, r) => sum + r.activities, 0)
    // Both processes got work done.
    for (const report of reports) {
      expect(Object.values(report.contactUpdates).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
    }

    const check = createCrm({ adapter: sqliteAdapter({ filename: file }) })
    const after = check.tenant('acme')
    for (const id of contactIds) {
      expect((await after.contacts.get(id)).version).toBe(1 + (updates[id] ?? 0))
    }
    for (const id of dealIds) {
      expect((await after.deals.get(id)).version).toBe(1 + (changes[id] ?? 0))
    }
    expect(await after.activities.count()).toBe(activities)
    await check.close()
  })

  it('two processes sweeping one file at once each finish, and announce every event once', () => {
    expect(reports.flatMap((r) => r.sweepFailures)).toEqual([])
    const sweeps = reports.flatMap((r) => r.sweeps)
    expect(sweeps).toHaveLength(4)
    const total = (key: 'warnings' | 'breaches' | 'escalations') => sweeps.reduce((sum, s) => sum + s[key], 0)
    expect([total('warnings'), total('breaches'), total('escalations')]).toEqual([CASES, CASES, CASES])
  })
})
