import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { z } from 'zod'
import { type Crm, type CrmConfig, createCrm } from '../api/create-crm'
import type { EntityDescription } from '../entities/entity'
import { outboxEntity } from '../entities/outbox-entity'
import type { PendingEvent } from '../events/event-bus'
import type { StoragePort } from '../storage/storage-port'
import type { ConformanceHarness, ObservedQuery } from './harness'

/** The custom fields the suite declares, so custom-field behaviour is tested on every adapter. */
export const suiteCustomFields = {
  contact: z.object({
    tier: z.enum(['gold', 'silver', 'bronze']).optional(),
    score: z.number().optional(),
    active: z.boolean().optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    renewal: z.iso.date().optional(),
    labels: z.array(z.string()).optional(),
    note: z.string().optional(),
    address: z.object({ city: z.string().optional(), zip: z.string().optional() }).optional(),
  }),
  company: z.object({
    segment: z.enum(['smb', 'enterprise']).optional(),
    seats: z.number().int().optional(),
  }),
  activity: z.object({ channel: z.string().optional() }),
  deal: z.object({ decisionMaker: z.string().optional(), budgetApproved: z.boolean().optional() }),
  case: z.object({ orderId: z.string().optional(), vip: z.boolean().optional() }),
}

/** A clock the tests move by hand. */
export class TestClock {
  private instant: number
  constructor(start = '2026-03-02T09:00:00.000Z') {
    this.instant = Date.parse(start)
  }
  now = () => new Date(this.instant)
  /** Moves time forward. */
  advance(ms: number) {
    this.instant += ms
  }
  set(iso: string) {
    this.instant = Date.parse(iso)
  }
}

let tenantCounter = 0
/** A tenant id no other test uses, so tests never see each other's rows. */
export function freshTenant(label = 't'): string {
  tenantCounter++
  return `${label}-${process.pid}-${Date.now().toString(36)}-${tenantCounter}`
}

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release|start transaction|set )/i

/**
 * Checks that a statement touching Rapport's tables is scoped by tenant: reads, updates and deletes filter
 * on `tenant_id`; inserts write it.
 */
export function tenantScopeProblem(query: ObservedQuery): string | undefined {
  const text = query.sql.replace(/\s+/g, ' ').trim()
  if (TRANSACTION_CONTROL.test(text)) return undefined
  const lower = text.toLowerCase()
  const inserts = lower.match(/insert into [^(]+\(/g)?.length ?? 0
  const combinedInserts =
    lower.startsWith('with ') && inserts > 0 && !/\b(select|update|delete)\b/.test(lower)
  if (lower.startsWith('insert') || combinedInserts) {
    // Inserts, alone or several in one statement (data-modifying CTEs): each must write tenant_id first.
    const scoped = lower.match(/insert into [^(]+\(\s*"?tenant_id"?\s*,/g)?.length ?? 0
    return scoped === inserts ? undefined : `insert without tenant_id: ${text}`
  }
  if (/^(select|update|delete|with)\b/.test(lower)) {
    return /"?tenant_id"?\s*=/.test(lower) ? undefined : `statement without a tenant_id filter: ${text}`
  }
  return `unexpected statement: ${text}`
}

/** Per-suite state: one adapter, the statements it ran in the current test, a clock, the CRM. */
export interface SuiteContext {
  readonly harness: ConformanceHarness
  readonly clock: TestClock
  /** The adapter opened for this suite file. */
  adapter(): StoragePort
  /** The CRM over that adapter, with the suite's custom fields and clock. */
  crm(): Crm<typeof suiteCustomFields>
  /** Another CRM over the same adapter and clock with extra configuration; its events are recorded too. */
  crmWith(
    config: Omit<CrmConfig<typeof suiteCustomFields>, 'adapter' | 'clock' | 'customFields'>,
  ): Crm<typeof suiteCustomFields>
  /** Events delivered since the test started. */
  events(): readonly PendingEvent[]
  /** Statements the adapter ran since the test started. */
  queries(): readonly ObservedQuery[]
  /** Runs work whose statements are not tenant-scoped by design (migrations), outside the tenant check. */
  unscoped<T>(work: () => Promise<T>): Promise<T>
  /** Rows of an entity in a tenant, read through the port (to prove nothing was written). */
  countRows(entity: EntityDescription, tenantId: string): Promise<number>
  /** Outbox rows of a tenant. */
  outboxCount(tenantId: string): Promise<number>
}

/**
 * Opens the harness's adapter for one suite file and checks, after every test, that every statement it ran
 * was scoped by tenant.
 */
export function useSuiteContext(harness: ConformanceHarness): SuiteContext {
  let adapter: StoragePort | undefined
  let crm: Crm<typeof suiteCustomFields> | undefined
  let recording = false
  const observed: ObservedQuery[] = []
  const delivered: PendingEvent[] = []
  const clock = new TestClock()

  beforeAll(async () => {
    adapter = await harness.open({
      onQuery: (q) => {
        if (recording) observed.push(q)
      },
    })
    await adapter.migrate()
    crm = createCrm({ adapter, clock, customFields: suiteCustomFields })
    crm.events.on('*', (type, payload) => {
      delivered.push({ type, payload } as PendingEvent)
    })
    recording = true
  })

  afterEach(async () => {
    // In-process databases (better-sqlite3, PGlite) answer through promises alone, so a suite file would
    // never return to the event loop: vitest's worker could not read its RPC replies and times them out
    // after 60 s ("Timeout calling onTaskUpdate") although every test passed. Turn it once per test.
    await new Promise<void>((resolve) => setImmediate(resolve))
    const problems = observed.map(tenantScopeProblem).filter((p): p is string => p !== undefined)
    observed.length = 0
    delivered.length = 0
    clock.set('2026-03-02T09:00:00.000Z')
    expect(problems, 'every statement must be scoped by tenant_id').toEqual([])
  })

  afterAll(async () => {
    recording = false
    await crm?.close()
    await harness.dispose?.()
  })

  return {
    harness,
    clock,
    adapter: () => adapter!,
    crm: () => crm!,
    crmWith(config) {
      const other = createCrm({ ...config, adapter: adapter!, clock, customFields: suiteCustomFields })
      other.events.on('*', (type, payload) => {
        delivered.push({ type, payload } as PendingEvent)
      })
      return other
    },
    events: () => delivered,
    queries: () => observed,
    async unscoped(work) {
      recording = false
      try {
        return await work()
      } finally {
        recording = true
      }
    },
    countRows: (entity, tenantId) =>
      adapter!.reader.count(entity, tenantId, undefined, clock.now().toISOString()),
    outboxCount: (tenantId) =>
      adapter!.reader.count(outboxEntity, tenantId, undefined, clock.now().toISOString()),
  }
}

/** How many random cases property tests run. */
export function propertyRuns(harness: ConformanceHarness, fallback = 300): number {
  const fromEnv = Number(process.env.RAPPORT_PROPERTY_RUNS)
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : (harness.propertyRuns ?? fallback)
}
