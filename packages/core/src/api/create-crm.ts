import type { Emitter } from 'mitt'
import { CASE_STATUSES, type CaseStatus } from '../domain/cases/case-vocabulary'
import { DEFAULT_SALES_PIPELINE } from '../domain/pipeline/default-sales-pipeline'
import { BoundedCache } from '../domain/sla/bounded-cache'
import type { SweepErrorHandler } from '../domain/sla/sweep-problem'
import { ConfigError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import { createEventEmitter, type ListenerErrorHandler, type RapportEvents } from '../events/event-bus'
import type { RapportEventMap } from '../events/event-map'
import { type Clock, systemClock } from '../kernel/clock'
import { type IdGenerator, nanoidGenerator } from '../kernel/ids'
import { tenantIdSchema } from '../kernel/tenant-id'
import type { PipelineInput } from '../pipeline/pipeline-input'
import { parsePipeline } from '../pipeline/pipelines'
import { buildCatalogs } from '../runtime/catalogs'
import { resolveRetryPolicy } from '../runtime/command-retry'
import type { CustomFieldSchemas, CustomOutput } from '../runtime/custom-field-types'
import { customFieldsFor } from '../runtime/custom-fields'
import type { DealGuard, PipelineSeed, ServiceDeps } from '../runtime/service-context'
import type { MigrationReport, StoragePort } from '../storage/storage-port'
import { type IndexesApi, indexesApi } from './indexes-api'
import type { TenantCrm } from './tenant-api'
import { createTenantCrm } from './tenant-crm'

/** SLA configuration. */
export interface SlaConfig {
  /**
   * Case statuses that stop the resolution and next-response clocks (waiting on the customer or a third
   * party). Solved and closed cases stop every clock anyway.
   * @default ['pending']
   * @example ['pending', 'onHold']
   */
  readonly pausingStatuses?: readonly CaseStatus[]
  /**
   * Told about each clock `sla.sweep` skipped as inconsistent (a missing calendar, a corrupt row). The
   * sweep goes on with the other clocks and lists the problem in its report too.
   * @default logs to `console.error`
   * @example (problem) => logger.error({ clock: problem.clockId, tenant: problem.tenantId }, problem.message)
   */
  readonly onSweepError?: SweepErrorHandler
}

/**
 * How Rapport runs a command again when its transaction lost a race: a deadlock or serialization failure
 * (Postgres), a busy database file (SQLite), a row another transaction changed between the command's
 * read and its write, or a duplicate key another transaction inserted since the command looked. Each run
 * starts from scratch in a new transaction; only the last failure reaches the caller (a `busy` error, or
 * a `conflict` when the caller named a version that is no longer current).
 */
export interface RetryConfig {
  /**
   * Most runs of one command, the first included; 1 turns retries off.
   * @default 5
   */
  readonly attempts?: number
  /**
   * Upper bound of the first backoff in milliseconds, doubled for each further retry; the wait is drawn at
   * random below it (jitter).
   * @default 10
   */
  readonly baseDelayMs?: number
}

/** Pipelines configuration. */
export interface PipelinesConfig {
  /**
   * The pipelines every tenant starts with (stored for a tenant on its first pipeline or deal call; each
   * tenant may then edit its own).
   * @default [the default sales pipeline, in USD]
   */
  readonly defaults?: readonly PipelineInput[]
  /**
   * Named guards that stages can reference (`stage.guards: ['hasBudget']`). A guard returns true to
   * accept a move into the stage, false or a message to refuse it.
   * @example { hasDecisionMaker: ({ record }) => record.custom.decisionMaker !== undefined || 'Name the decision maker' }
   */
  readonly guards?: Readonly<Record<string, DealGuard>>
}

/**
 * The tenant API typed with an app's custom fields.
 * @deprecated Write `TenantCrm<typeof customFields>`: `TenantCrm` takes the custom field schemas itself.
 */
export type TypedTenantCrm<CF extends CustomFieldSchemas> = TenantCrm<CF>

/**
 * How many tenants' APIs one Crm keeps built. A tenant API holds no state of its own (every call reads and
 * writes through the adapter), so a cached one serves any number of callers; past this many tenants the
 * ones not used lately are dropped, and built again on their next call. One built API takes about 75 KiB
 * and a build about a third of a millisecond, so the cache stays under 20 MiB.
 */
const TENANT_API_CACHE_SIZE = 256

/** Configuration of {@link createCrm}. */
export interface CrmConfig<CF extends CustomFieldSchemas = CustomFieldSchemas> {
  /** The storage adapter: `sqliteAdapter(...)`, `postgresAdapter(...)`, or your own port implementation. */
  readonly adapter: StoragePort
  /**
   * Where "now" comes from.
   * @default the system clock
   */
  readonly clock?: Clock
  /**
   * Makes ids from a type prefix (`con`, `com`, ...).
   * @default prefix + '_' + 8 characters of the creation time + 12 random alphanumerics (nanoid)
   */
  readonly idGenerator?: IdGenerator
  /**
   * Custom fields per record type, as zod objects. They type the records at compile time, validate input
   * at run time, are stored as JSON and can be filtered and sorted on as `custom.<name>`.
   * @example { contact: z.object({ tier: z.enum(['gold', 'silver']).optional(), seats: z.number().int().optional() }) }
   */
  readonly customFields?: CF
  /** Default pipelines and stage guards. */
  readonly pipelines?: PipelinesConfig
  /**
   * Retries of commands that lost a race with another transaction.
   * @default { attempts: 5, baseDelayMs: 10 }
   * @example { attempts: 8, baseDelayMs: 20 }
   */
  readonly retry?: RetryConfig
  /** SLA behaviour: which case statuses pause the clocks. */
  readonly sla?: SlaConfig
  /**
   * Called when an event listener throws. The command has already committed, so the error never reaches
   * its caller.
   * @default logs to console.error
   */
  readonly onListenerError?: ListenerErrorHandler
}

/** An embedded CRM. Create one per database; get a tenant's API with {@link Crm.tenant}. */
export interface Crm<CF extends CustomFieldSchemas = CustomFieldSchemas> {
  /** The storage adapter in use. */
  readonly adapter: StoragePort
  /** Typed events, delivered after their transaction commits. */
  readonly events: RapportEvents<
    CustomOutput<CF['contact']>,
    CustomOutput<CF['company']>,
    CustomOutput<CF['activity']>,
    CustomOutput<CF['deal']>,
    CustomOutput<CF['case']>
  >
  /** Creates or upgrades Rapport's tables. Call once at start-up; safe to repeat. */
  migrate(): Promise<MigrationReport>
  /** Extra indexes for hot filters (custom fields above all). */
  readonly indexes: IndexesApi
  /**
   * The API of one tenant. Cheap to call per request: a tenant's API is built once and kept (for the 256
   * tenants used most recently at the most), so repeated calls return the same object.
   * @throws ValidationError when the id is not a valid tenant id.
   */
  tenant(tenantId: string): TenantCrm<CF>
  /** Closes connections the adapter opened. */
  close(): Promise<void>
}

function isStoragePort(value: unknown): value is StoragePort {
  const port = value as Partial<StoragePort> | null
  return (
    typeof port === 'object' &&
    port !== null &&
    typeof port.transaction === 'function' &&
    typeof port.migrate === 'function' &&
    typeof port.reader === 'object'
  )
}

const defaultListenerError: ListenerErrorHandler = (error, event) => {
  console.error(`[rapport] a listener of "${event.type}" threw; the command had already committed`, error)
}

/**
 * Creates an embedded CRM over a storage adapter.
 *
 * @example
 * ```ts
 * import { createCrm } from '@rapport/core'
 * import { sqliteAdapter } from '@rapport/sqlite'
 * import { z } from 'zod'
 *
 * const crm = createCrm({
 *   adapter: sqliteAdapter({ filename: 'crm.db' }),
 *   customFields: { contact: z.object({ tier: z.enum(['gold', 'silver']).optional() }) },
 * })
 * await crm.migrate()
 * const acme = crm.tenant('acme')
 * const ada = await acme.contacts.create({ firstName: 'Ada', email: 'ada@example.com', custom: { tier: 'gold' } })
 * ```
 */
export function createCrm<const CF extends CustomFieldSchemas = Record<never, never>>(
  config: CrmConfig<CF>,
): Crm<CF> {
  if (typeof config !== 'object' || config === null) throw new ConfigError('createCrm needs a config object')
  if (!isStoragePort(config.adapter)) {
    throw new ConfigError(
      'createCrm: adapter must be a storage adapter, e.g. sqliteAdapter({ filename }) or postgresAdapter({ connectionString })',
    )
  }
  const custom = {
    contact: customFieldsFor('contact', config.customFields?.contact),
    company: customFieldsFor('company', config.customFields?.company),
    activity: customFieldsFor('activity', config.customFields?.activity),
    deal: customFieldsFor('deal', config.customFields?.deal),
    case: customFieldsFor('case', config.customFields?.case),
  }
  const pipelines = { defaults: [] as PipelineSeed[], guards: { ...(config.pipelines?.guards ?? {}) } }
  const emitter = createEventEmitter<
    CustomOutput<CF['contact']>,
    CustomOutput<CF['company']>,
    CustomOutput<CF['activity']>,
    CustomOutput<CF['deal']>,
    CustomOutput<CF['case']>
  >()
  const pausing: readonly unknown[] = config.sla?.pausingStatuses ?? ['pending']
  const notPausable = Array.isArray(pausing)
    ? pausing.filter((s) => !CASE_STATUSES.includes(s as CaseStatus) || s === 'solved' || s === 'closed')
    : [pausing]
  if (notPausable.length > 0) {
    throw new ConfigError(
      `createCrm: sla.pausingStatuses may hold new, open, pending and onHold, not ${notPausable.map(String).join(', ')}`,
    )
  }
  const deps: ServiceDeps = {
    adapter: config.adapter,
    clock: config.clock ?? systemClock,
    newId: config.idGenerator ?? nanoidGenerator,
    emitter: emitter as unknown as Emitter<RapportEventMap>,
    onListenerError: config.onListenerError ?? defaultListenerError,
    custom,
    catalogs: buildCatalogs(custom),
    pipelines,
    sla: {
      pausingStatuses: new Set(pausing as readonly CaseStatus[]),
      ...(config.sla?.onSweepError ? { onSweepError: config.sla.onSweepError } : {}),
    },
    caches: {
      calendars: new BoundedCache(256),
      policyConditions: new BoundedCache(1024),
      stageRequirements: new BoundedCache(1024),
    },
    seededTenants: new Set(),
    retry: resolveRetryPolicy(config.retry),
  }
  const defaults = config.pipelines?.defaults ?? [{ ...DEFAULT_SALES_PIPELINE, currency: 'USD' }]
  defaults.forEach((input, i) => {
    try {
      pipelines.defaults.push(parsePipeline(deps, input, i))
    } catch (error) {
      throw new ConfigError(`createCrm: pipelines.defaults[${i}] is invalid: ${(error as Error).message}`, {
        cause: error,
      })
    }
  })

  const tenants = new BoundedCache<string, TenantCrm<CF>>(TENANT_API_CACHE_SIZE)

  return {
    adapter: config.adapter,
    events: emitter,
    migrate: () => config.adapter.migrate(),
    indexes: indexesApi(config.adapter, deps.catalogs),
    tenant(tenantId) {
      // Keyed by the id as given: only an id that validated was ever stored, so a hit needs no check.
      return tenants.getOrCompute(tenantId, (id) =>
        createTenantCrm<CF>(deps, validate(tenantIdSchema, id, 'tenant id')),
      )
    },
    close: () => config.adapter.close(),
  }
}
