import { z } from 'zod'
import type { CasePriority } from '../../domain/cases/case-vocabulary'
import type { ClockTarget } from '../../domain/sla/sla-clock'
import type { SlaMetric } from '../../domain/sla/sla-metrics'
import {
  isBusinessTarget,
  type SlaPolicyDefinition,
  type SlaPolicyInput,
  slaPolicyDefinitionSchema,
} from '../../domain/sla/sla-policy-definition'
import { businessCalendarEntity } from '../../entities/business-calendar-entity'
import type { Case, Company, Contact, SlaPolicy } from '../../entities/records'
import { slaPolicyEntity } from '../../entities/sla-policy-entity'
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type ValidationIssue,
} from '../../errors/rapport-error'
import { validate } from '../../errors/validate'
import { compilePredicate } from '../../filter/compile-predicate'
import { resolveFilter } from '../../filter/resolve-filter'
import type { ResolvedFilter } from '../../filter/resolved-filter'
import { type CommandContext, runCommand, type ServiceDeps } from '../../runtime/service-context'
import { loadForChange, writeChanges } from '../../runtime/versioned-write'
import type { StorageReader } from '../../storage/storage-port'
import { calendarIdOf } from './sla-calendar-store'
import { calendarOf, clockEnv } from './sla-clock-store'
import { retimeOpenClocks } from './sla-retime'

const keySchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Expected 1-64 letters, digits, "_" or "-"')
const versionOption = z.object({ expectedVersion: z.number().int().min(1).optional() }).strict()

/** The deterministic id of a tenant's policy with this key. */
export function policyIdOf(key: string): string {
  return `${slaPolicyEntity.idPrefix}_${key}`
}

/** What a policy condition is evaluated on: the case with its contact and company (or null). */
export type ConditionRecord = Case<unknown> & {
  readonly contact: Contact<unknown> | null
  readonly company: Company<unknown> | null
}

/**
 * Validates a policy: its shape, and its condition as a filter over case, `contact.*` and `company.*`
 * fields (issue paths under `condition`).
 */
function parsePolicy(deps: ServiceDeps, input: unknown): SlaPolicyDefinition {
  const definition = validate(slaPolicyDefinitionSchema, input, 'SLA policy')
  if (definition.condition !== null) {
    try {
      resolveFilter(definition.condition, deps.catalogs.slaCondition)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      const issues = error.issues.map(
        (issue) => ({ ...issue, path: ['condition', ...issue.path] }) as ValidationIssue,
      )
      throw new ValidationError(`Invalid SLA policy condition: ${error.message}`, issues, { cause: error })
    }
  }
  return definition
}

async function requireCalendar(ctx: CommandContext, key: string | null): Promise<void> {
  if (key === null) return
  if (!(await ctx.tx.get(businessCalendarEntity, ctx.tenantId, calendarIdOf(key)))) {
    throw new NotFoundError('businessCalendar', key, { details: { path: ['calendar'] } })
  }
}

function rowFields(definition: SlaPolicyDefinition) {
  return {
    label: definition.label,
    condition: definition.condition,
    calendarKey: definition.calendar,
    targets: definition.targets,
    warningShare: definition.warningShare,
    escalations: definition.escalations,
  }
}

/** The policies that apply to new decisions, in order: not archived, by position, then key. */
export async function activePolicies(
  deps: ServiceDeps,
  reader: StorageReader,
  tenantId: string,
  now: string,
): Promise<SlaPolicy[]> {
  const field = (name: string) => deps.catalogs.slaPolicy.fields.get(name)!
  const rows = await reader.find(slaPolicyEntity, tenantId, {
    filter: { kind: 'present', field: field('archivedAt'), negate: true },
    sort: [
      { field: field('position'), direction: 'asc' },
      { field: field('key'), direction: 'asc' },
    ],
    now,
  })
  return rows as unknown as SlaPolicy[]
}

/** The first policy whose condition matches the case with its contact and company, or null. */
export function firstMatchingPolicy(
  deps: ServiceDeps,
  tenantId: string,
  policies: readonly SlaPolicy[],
  record: ConditionRecord,
  now: string,
): SlaPolicy | null {
  for (const policy of policies) {
    if (policy.condition === null) return policy
    // Keyed by the condition itself, not the policy's version: a version read inside a transaction that
    // rolls back may be committed next by a different edit, and must not find this one's predicate.
    const predicate = deps.caches.policyConditions.getOrCompute(
      `${tenantId}\u0000${JSON.stringify(policy.condition)}`,
      () => compilePredicate(resolveFilter(policy.condition, deps.catalogs.slaCondition)),
    )
    if (predicate.at(now)(record)) return policy
  }
  return null
}

/** The clock target a policy sets for a priority and metric, or null when it sets none. */
export function clockTargetOf(
  policy: SlaPolicy,
  priority: CasePriority,
  metric: SlaMetric,
): ClockTarget | null {
  const target = policy.targets[priority]?.[metric]
  if (!target) return null
  const business = isBusinessTarget(target, policy.calendarKey)
  return {
    targetMinutes: target.minutes,
    business,
    calendarKey: business ? policy.calendarKey : null,
    warningShare: policy.warningShare,
    escalations: policy.escalations,
  }
}

/**
 * After a policy edit: every open clock under the policy takes the target the policy now sets for the
 * clock's priority and metric, measured from its original start, or is cancelled when it sets none.
 */
function retimeForPolicy(deps: ServiceDeps, ctx: CommandContext, policy: SlaPolicy): Promise<number> {
  const env = clockEnv(deps, ctx)
  const which: ResolvedFilter = {
    kind: 'compare',
    field: deps.catalogs.slaClock.fields.get('policyId')!,
    op: 'eq',
    value: policy.id,
  }
  return retimeOpenClocks(env, which, async (row) => {
    const before = await calendarOf(env, row)
    const target = clockTargetOf(policy, row.priority, row.metric)
    if (!target) return { before, event: { kind: 'cancel' } }
    return { before, event: { kind: 'retarget', target, calendar: await calendarOf(env, target) } }
  })
}

/** The SLA policies of one tenant: an ordered list, the first matching policy applies to a case. */
export function slaPoliciesService(deps: ServiceDeps, tenantId: string) {
  const now = () => deps.clock.now().toISOString()
  return {
    /** Every policy, archived ones too, in order. */
    async list(): Promise<SlaPolicy[]> {
      const field = (name: string) => deps.catalogs.slaPolicy.fields.get(name)!
      const rows = await deps.adapter.reader.find(slaPolicyEntity, tenantId, {
        sort: [
          { field: field('position'), direction: 'asc' },
          { field: field('key'), direction: 'asc' },
        ],
        now: now(),
      })
      return rows as unknown as SlaPolicy[]
    },

    /** @throws NotFoundError */
    async get(key: string): Promise<SlaPolicy> {
      const id = policyIdOf(validate(keySchema, key, 'policy key'))
      const row = await deps.adapter.reader.get(slaPolicyEntity, tenantId, id)
      if (!row) throw new NotFoundError('slaPolicy', key)
      return row as unknown as SlaPolicy
    },

    /**
     * Adds a policy (at the end of the list unless `position` says otherwise).
     * @throws ValidationError, NotFoundError (unknown calendar), ConflictError (key taken)
     */
    async create(input: SlaPolicyInput): Promise<SlaPolicy> {
      const definition = parsePolicy(deps, input)
      return runCommand(deps, tenantId, async (ctx) => {
        const id = policyIdOf(definition.key)
        if (await ctx.tx.get(slaPolicyEntity, tenantId, id)) {
          throw new ConflictError(`An SLA policy with key "${definition.key}" exists`, {
            details: { reason: 'keyTaken', key: definition.key },
          })
        }
        await requireCalendar(ctx, definition.calendar)
        const position =
          definition.position ?? (await ctx.tx.count(slaPolicyEntity, tenantId, undefined, ctx.now))
        const row = {
          id,
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          archivedAt: null,
          key: definition.key,
          position,
          ...rowFields(definition),
        }
        await ctx.tx.insert(slaPolicyEntity, tenantId, [row])
        const policy = row as unknown as SlaPolicy
        ctx.emit('slaPolicy.created', { policy })
        return policy
      })
    },

    /**
     * Replaces a policy's definition (the key is fixed). In the same transaction, every open clock under the
     * policy takes the target the policy now sets for its priority and metric, measured from its original
     * start (or is cancelled when it sets none); thresholds already behind are announced at once. Which
     * policy a case is under, and clocks the policy newly asks for, change at the case's next update.
     * @throws ValidationError, NotFoundError, ConflictError (`expectedVersion` differs, or a clock changed
     *   meanwhile: retryable)
     */
    async update(
      key: string,
      input: SlaPolicyInput,
      options: { expectedVersion?: number } = {},
    ): Promise<SlaPolicy> {
      const id = policyIdOf(validate(keySchema, key, 'policy key'))
      const { expectedVersion } = validate(versionOption, options, 'update options')
      const definition = parsePolicy(deps, input)
      if (definition.key !== key) {
        throw new ValidationError('A policy key cannot change: create a new policy instead', [
          { code: 'custom', path: ['key'], message: 'Key is immutable', input: definition.key },
        ])
      }
      return runCommand(deps, tenantId, async (ctx) => {
        const current = await loadForChange(ctx, slaPolicyEntity, id, expectedVersion)
        await requireCalendar(ctx, definition.calendar)
        const written = await writeChanges(ctx, slaPolicyEntity, current, {
          ...rowFields(definition),
          position: definition.position ?? current.position,
        })
        const policy = written as unknown as SlaPolicy
        await retimeForPolicy(deps, ctx, policy)
        ctx.emit('slaPolicy.updated', { policy })
        return policy
      })
    },

    /** Archives a policy: it applies to no case from then on (cases already under it keep their clocks). */
    async archive(key: string, options: { expectedVersion?: number } = {}): Promise<SlaPolicy> {
      const id = policyIdOf(validate(keySchema, key, 'policy key'))
      const { expectedVersion } = validate(versionOption, options, 'archive options')
      return runCommand(deps, tenantId, async (ctx) => {
        const current = await loadForChange(ctx, slaPolicyEntity, id, expectedVersion)
        if (current.archivedAt !== null) return current as unknown as SlaPolicy
        const written = await writeChanges(ctx, slaPolicyEntity, current, { archivedAt: ctx.now })
        const policy = written as unknown as SlaPolicy
        ctx.emit('slaPolicy.archived', { policy })
        return policy
      })
    },
  }
}
