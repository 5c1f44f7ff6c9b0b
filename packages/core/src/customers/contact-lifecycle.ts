import { z } from 'zod'
import {
  decideLifecycleMove,
  LIFECYCLE_STAGES,
  type LifecycleMoveSource,
  type LifecycleStage,
} from '../domain/lifecycle'
import { contactEntity } from '../entities/contact-entity'
import { lifecycleChangeEntity } from '../entities/lifecycle-change-entity'
import type { Contact, LifecycleChange } from '../entities/records'
import { validate } from '../errors/validate'
import { optionalText } from '../runtime/common-input'
import { type CommandContext, runCommand, type ServiceDeps } from '../runtime/service-context'
import { loadForChange, writeChanges } from '../runtime/versioned-write'
import { presentContact } from './contact-spec'

const moveOptions = z
  .object({
    expectedVersion: z.number().int().min(1).optional(),
    actor: optionalText(200),
    reason: optionalText(1000),
  })
  .strict()

/** Options of a lifecycle move. */
export type LifecycleMoveOptions = z.input<typeof moveOptions>

/** What an automatic lifecycle move did. */
export interface LifecycleAdvanceResult<C> {
  readonly contact: C
  /** False when the contact was already at or past the stage. */
  readonly moved: boolean
}

async function move<Custom>(
  deps: ServiceDeps,
  ctx: CommandContext,
  id: string,
  stage: LifecycleStage,
  source: LifecycleMoveSource,
  options: z.output<typeof moveOptions>,
): Promise<LifecycleAdvanceResult<Contact<Custom>>> {
  const current = await loadForChange(ctx, contactEntity, id, options.expectedVersion)
  const decision = decideLifecycleMove(
    (current.lifecycleStage as LifecycleStage | null) ?? null,
    stage,
    source,
  )
  if (!decision.move) return { contact: presentContact<Custom>(current), moved: false }
  const next = await writeChanges(ctx, contactEntity, current, { lifecycleStage: decision.to })
  const change = {
    id: deps.newId(lifecycleChangeEntity.idPrefix),
    contactId: id,
    fromStage: decision.from,
    toStage: decision.to,
    direction: decision.direction,
    source,
    actor: options.actor ?? null,
    reason: options.reason ?? null,
    occurredAt: ctx.now,
    contactVersion: next.version,
  }
  await ctx.tx.insert(lifecycleChangeEntity, ctx.tenantId, [change])
  ctx.emit('contact.lifecycleChanged', {
    contactId: id,
    from: decision.from,
    to: decision.to,
    direction: decision.direction,
    source,
    actor: change.actor,
    reason: change.reason,
  })
  return { contact: presentContact<Custom>(next), moved: true }
}

/**
 * Moves a contact forward along the lifecycle, inside an existing command: used by other commands (lead
 * conversion, a won deal) that advance the stage as part of their own transaction. `why.expectedVersion`
 * makes the move a compare-and-set on the version the command read earlier.
 */
export function advanceLifecycleIn<Custom = unknown>(
  deps: ServiceDeps,
  ctx: CommandContext,
  id: string,
  stage: LifecycleStage,
  why: {
    readonly actor?: string | null
    readonly reason?: string | null
    readonly expectedVersion?: number
  } = {},
) {
  return move<Custom>(deps, ctx, id, stage, 'automatic', {
    actor: why.actor ?? null,
    reason: why.reason ?? null,
    ...(why.expectedVersion === undefined ? {} : { expectedVersion: why.expectedVersion }),
  })
}

/** Lifecycle commands and history of one tenant's contacts; `Custom` types their custom fields. */
export function contactLifecycle<Custom = unknown>(deps: ServiceDeps, tenantId: string) {
  const stageSchema = z.enum(LIFECYCLE_STAGES)
  return {
    /** Automatic move: forward only; a backward or same-stage request changes nothing. */
    async advanceLifecycle(id: string, stage: LifecycleStage, options: LifecycleMoveOptions = {}) {
      const target = validate(stageSchema, stage, 'lifecycle stage')
      const parsed = validate(moveOptions, options, 'lifecycle options')
      return runCommand(deps, tenantId, (ctx) => move<Custom>(deps, ctx, id, target, 'automatic', parsed))
    },

    /** Explicit move: any direction, recorded with its direction, actor and reason. */
    async setLifecycleStage(id: string, stage: LifecycleStage, options: LifecycleMoveOptions = {}) {
      const target = validate(stageSchema, stage, 'lifecycle stage')
      const parsed = validate(moveOptions, options, 'lifecycle options')
      const result = await runCommand(deps, tenantId, (ctx) =>
        move<Custom>(deps, ctx, id, target, 'explicit', parsed),
      )
      return result.contact
    },

    /** Every recorded move of a contact, oldest first. */
    async lifecycleHistory(id: string): Promise<LifecycleChange[]> {
      const catalog = deps.catalogs.lifecycleChange
      const rows = await deps.adapter.reader.find(lifecycleChangeEntity, tenantId, {
        filter: { kind: 'compare', field: catalog.fields.get('contactId')!, op: 'eq', value: id },
        sort: [{ field: catalog.fields.get('contactVersion')!, direction: 'asc' }],
        now: deps.clock.now().toISOString(),
      })
      return rows
    },
  }
}
