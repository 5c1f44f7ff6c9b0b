import type { Emitter } from 'mitt'
import type { CaseStatus } from '../domain/cases/case-vocabulary'
import type { PipelineDefinition } from '../domain/pipeline/pipeline-definition'
import type { StageGuardInput } from '../domain/pipeline/transition-context'
import type { BoundedCache } from '../domain/sla/bounded-cache'
import type { BusinessCalendar } from '../domain/sla/compiled-calendar'
import type { SweepErrorHandler } from '../domain/sla/sweep-problem'
import type { Deal } from '../entities/records'
import { deliverEvents, type ListenerErrorHandler, type PendingEvent } from '../events/event-bus'
import type { EventMeta, RapportEventMap } from '../events/event-map'
import type { CompiledPredicate } from '../filter/compile-predicate'
import type { FieldCatalog } from '../filter/field-catalog'
import type { Clock } from '../kernel/clock'
import { ID_PREFIXES, type IdGenerator } from '../kernel/ids'
import type { OutboxRow, StoragePort, StorageTransaction } from '../storage/storage-port'
import { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableRace, type RetryPolicy } from './command-retry'
import type { CustomFields } from './custom-fields'

/** Field catalogs per entity, built once per `createCrm`. */
export interface Catalogs {
  readonly contact: FieldCatalog
  readonly company: FieldCatalog
  readonly activity: FieldCatalog
  readonly contactCompanyLink: FieldCatalog
  readonly activityLink: FieldCatalog
  readonly lifecycleChange: FieldCatalog
  readonly pipeline: FieldCatalog
  readonly deal: FieldCatalog
  readonly dealContact: FieldCatalog
  readonly dealStageChange: FieldCatalog
  readonly purchase: FieldCatalog
  readonly segment: FieldCatalog
  readonly segmentMember: FieldCatalog
  readonly rfm: FieldCatalog
  readonly case: FieldCatalog
  readonly caseMessage: FieldCatalog
  readonly businessCalendar: FieldCatalog
  readonly slaPolicy: FieldCatalog
  readonly slaClock: FieldCatalog
  readonly campaign: FieldCatalog
  readonly campaignMember: FieldCatalog
  readonly campaignTouch: FieldCatalog
  readonly campaignCost: FieldCatalog
  /** What SLA policy conditions may name: case fields, `contact.*` and `company.*`. */
  readonly slaCondition: FieldCatalog
}

/** A guard an app registers for pipeline stages; it also sees the whole deal record. */
export type DealGuard = (input: StageGuardInput & { readonly record: Deal<unknown> }) => boolean | string

/** Pipelines configuration, resolved once per `createCrm`. */
export interface PipelineConfig {
  /** Pipelines every tenant starts with (stored on the tenant's first pipeline or deal call). */
  readonly defaults: readonly PipelineSeed[]
  readonly guards: Readonly<Record<string, DealGuard>>
}

/** A validated pipeline ready to store. */
export interface PipelineSeed {
  readonly definition: PipelineDefinition
  readonly currency: string
  readonly position: number
}

/** SLA configuration, resolved once per `createCrm`. */
export interface SlaConfig {
  /** Case statuses that stop the resolution and next-response clocks. */
  readonly pausingStatuses: ReadonlySet<CaseStatus>
  /** Told about each clock a sweep skipped as inconsistent; logs to the console when not set. */
  readonly onSweepError?: SweepErrorHandler
}

/**
 * In-memory caches shared by all tenants of one Crm. Keys include the tenant and the compiled content itself
 * (never just a version): they may be filled inside a transaction that rolls back, whose version a later,
 * different commit reuses.
 */
export interface ServiceCaches {
  /** Compiled business calendars by tenant, key and definition. */
  readonly calendars: BoundedCache<string, BusinessCalendar>
  /** Compiled SLA policy conditions by tenant and condition. */
  readonly policyConditions: BoundedCache<string, CompiledPredicate>
  /** Compiled pipeline stage requirements by tenant and requirements (compiled once, bound per move). */
  readonly stageRequirements: BoundedCache<string, CompiledPredicate>
}

/** Everything a service needs, shared by all tenants of one Crm. */
export interface ServiceDeps {
  readonly adapter: StoragePort
  readonly clock: Clock
  readonly newId: IdGenerator
  readonly emitter: Emitter<RapportEventMap>
  readonly onListenerError: ListenerErrorHandler
  readonly catalogs: Catalogs
  readonly custom: {
    readonly contact: CustomFields
    readonly company: CustomFields
    readonly activity: CustomFields
    readonly deal: CustomFields
    readonly case: CustomFields
  }
  readonly pipelines: PipelineConfig
  readonly sla: SlaConfig
  readonly caches: ServiceCaches
  /** Tenants whose default pipelines are known to be stored (a per-Crm cache). */
  readonly seededTenants: Set<string>
  /**
   * How a command whose transaction lost a race is run again.
   * @default {@link DEFAULT_RETRY_POLICY}
   */
  readonly retry?: RetryPolicy
}

/** Payload of an event without the facts the runner fills in. */
export type EventBody<K extends keyof RapportEventMap> = Omit<RapportEventMap[K], keyof EventMeta>

/** What a command sees while it runs inside its transaction. */
export interface CommandContext {
  readonly tx: StorageTransaction
  readonly tenantId: string
  /** The instant the command runs at (one reading of the clock per command). */
  readonly now: string
  /** Queues an event: written to the outbox in this transaction, delivered after commit. */
  emit<K extends keyof RapportEventMap>(type: K, body: EventBody<K>): void
  /**
   * Runs `effect` once the transaction has committed, and never if it rolls back. In-memory state (caches,
   * "already seeded" marks) that depends on what this command wrote must change here, never inside the
   * transaction: a rollback would leave it describing rows that do not exist.
   */
  afterCommit(effect: () => void): void
}

/**
 * Runs a command the way every Rapport command runs: in one transaction, with its events appended to the
 * outbox inside that transaction, and delivered to listeners only after the commit succeeded. `options.now`
 * replaces the clock's reading (a sweep run for a given instant).
 *
 * A run that loses a race (a deadlock, a serialization failure, a busy database, a row changed between
 * this command's read and its write, a duplicate key inserted meanwhile: see {@link isRetryableRace}) has
 * rolled back, so the whole command runs again from its first read, with fresh ids and no events or
 * after-commit effects of the failed run, up to `deps.retry.attempts` times with jittered exponential
 * backoff. `work` must therefore do nothing outside the transaction but through `ctx.emit` and
 * `ctx.afterCommit`. The last failure is thrown as it is.
 */
export async function runCommand<T>(
  deps: ServiceDeps,
  tenantId: string,
  work: (ctx: CommandContext) => Promise<T>,
  options: { readonly now?: string } = {},
): Promise<T> {
  const now = options.now ?? deps.clock.now().toISOString()
  const policy = deps.retry ?? DEFAULT_RETRY_POLICY
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(deps, tenantId, work, now)
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryableRace(error)) throw error
      await sleep(backoffDelay(policy, attempt))
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** One run of a command's transaction; events and effects are delivered only if it commits. */
async function runOnce<T>(
  deps: ServiceDeps,
  tenantId: string,
  work: (ctx: CommandContext) => Promise<T>,
  now: string,
): Promise<T> {
  const pending: PendingEvent[] = []
  const effects: (() => void)[] = []
  const result = await deps.adapter.transaction(async (tx) => {
    // An adapter may run this callback more than once (a driver-level retry): start each run clean.
    pending.length = 0
    effects.length = 0
    const ctx: CommandContext = {
      tx,
      tenantId,
      now,
      afterCommit(effect) {
        effects.push(effect)
      },
      emit(type, body) {
        const payload = { eventId: deps.newId(ID_PREFIXES.event), tenantId, occurredAt: now, ...body }
        pending.push({ type, payload: payload as unknown as PendingEvent['payload'] })
      },
    }
    const value = await work(ctx)
    if (pending.length > 0) {
      const rows: OutboxRow[] = pending.map((event) => ({
        id: (event.payload as EventMeta).eventId,
        type: event.type,
        payload: event.payload as unknown as Record<string, unknown>,
        occurredAt: now,
      }))
      await tx.appendEvents(tenantId, rows)
    }
    return value
  })
  for (const effect of effects) effect()
  deliverEvents(deps.emitter, pending, deps.onListenerError)
  return result
}
