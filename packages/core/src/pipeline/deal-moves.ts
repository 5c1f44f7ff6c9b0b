import { z } from 'zod'
import { advanceLifecycleIn } from '../customers/api'
import { dealValuesInStage, stageStateOfDeal } from '../domain/pipeline/deal-values'
import { findStage } from '../domain/pipeline/pipeline-definition'
import { transition } from '../domain/pipeline/transition'
import { dealContactEntity } from '../entities/deal-contact-entity'
import { dealEntity } from '../entities/deal-entity'
import { dealStageChangeEntity } from '../entities/deal-stage-change-entity'
import type { Deal } from '../entities/records'
import { TransitionRefusedError, ValidationError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import { sortedIds } from '../runtime/lock-order'
import { type CommandContext, runCommand, type ServiceDeps } from '../runtime/service-context'
import { loadForChange, type VersionedRow, writeChanges } from '../runtime/versioned-write'
import type { StoredRow } from '../storage/storage-port'
import { type DealCloseOptions, type DealMoveOptions, dealCloseOptions, dealMoveOptions } from './deal-input'
import { guardsFor, meetsRequirements } from './deal-rules'
import { stageChangeRow } from './deal-spec'
import { pipelineOfDeal, type StoredPipeline } from './stored-pipelines'

const stageKeySchema = z.string().min(1).max(64)

interface MoveRequest {
  readonly expectedVersion?: number | undefined
  readonly actor?: string | null | undefined
  readonly reason?: string | null | undefined
  readonly reopen: boolean
}

/**
 * Contacts of a deal, to move their lifecycle when it is won, in contact id order: every command that
 * writes several contacts locks them in that one order, so two wins sharing contacts never deadlock.
 */
async function contactIdsOfDeal(deps: ServiceDeps, ctx: CommandContext, dealId: string): Promise<string[]> {
  const field = deps.catalogs.dealContact.fields.get('dealId')!
  const rows = await ctx.tx.find(dealContactEntity, ctx.tenantId, {
    filter: { kind: 'compare', field, op: 'eq', value: dealId },
    now: ctx.now,
  })
  return sortedIds(rows.map((r) => r.contactId as string))
}

/**
 * Decides a move with the pure transition, then persists it: the deal (compare-and-set on its version), one
 * history entry, the events, and (on a win) the deal's contacts moved forward to `customer`. All in the
 * caller's transaction; a refusal writes nothing.
 */
export async function applyMove<Custom = unknown>(
  deps: ServiceDeps,
  ctx: CommandContext,
  current: VersionedRow,
  pipeline: StoredPipeline,
  toStageKey: string,
  request: MoveRequest,
): Promise<Deal<Custom>> {
  const record = current as unknown as Deal<unknown>
  const state = stageStateOfDeal(record)
  const target = findStage(pipeline.definition, toStageKey)
  if (!target) {
    throw new ValidationError(`Unknown stage "${toStageKey}" in pipeline ${pipeline.record.key}`, [
      {
        code: 'custom',
        path: ['stage'],
        message: `Known stages: ${pipeline.definition.stages.map((s) => s.key).join(', ')}`,
        input: toStageKey,
      },
    ])
  }
  const result = transition(pipeline.definition, state, toStageKey, {
    now: ctx.now,
    actor: request.actor ?? null,
    reason: request.reason ?? null,
    reopen: request.reopen,
    // Decided here, before the move, so the pure transition gets an answer and calls nothing back.
    requirementsMet: meetsRequirements(deps, ctx, target, record),
    guards: guardsFor(deps, record),
  })
  if (!result.ok) {
    throw new TransitionRefusedError(result.message, {
      details: {
        reason: result.reason,
        fromStage: result.fromStage,
        toStage: result.toStage,
        dealId: current.id,
      },
    })
  }
  const { deal: next, events } = result.effects
  const stage = findStage(pipeline.definition, next.stageKey)!
  const changes = {
    stageKey: next.stageKey,
    stageEnteredAt: ctx.now,
    ...dealValuesInStage(stage, next),
    closedAt: next.closedAt,
    isClosed: next.isClosed,
    isWon: next.isWon,
    // The close date becomes the day the deal closed; a reopened deal keeps it as its expected date.
    ...(next.isClosed && next.closedAt !== current.closedAt
      ? { closeDate: next.closedAt!.slice(0, 10) }
      : {}),
    ...(request.reason !== undefined && next.isClosed ? { closeReason: request.reason } : {}),
  }
  const written = await writeChanges(ctx, dealEntity, current, changes)
  await ctx.tx.insert(dealStageChangeEntity, ctx.tenantId, [
    stageChangeRow(deps, written, current.stageKey as string, {
      actor: request.actor ?? null,
      reason: request.reason ?? null,
      reopened: current.isClosed === true,
      at: ctx.now,
    }),
  ])
  const deal = written as unknown as Deal<Custom>
  for (const event of events) {
    if (event === 'deal.stageChanged') {
      ctx.emit('deal.stageChanged', {
        deal,
        fromStage: current.stageKey as string,
        toStage: next.stageKey,
        actor: request.actor ?? null,
        reason: request.reason ?? null,
      })
    } else {
      ctx.emit(event, { deal })
    }
  }
  if (events.includes('deal.won')) {
    for (const contactId of await contactIdsOfDeal(deps, ctx, current.id)) {
      await advanceLifecycleIn(deps, ctx, contactId, 'customer', {
        actor: request.actor ?? null,
        reason: `deal ${current.id} won`,
      })
    }
  }
  return deal
}

/** Stage moves of one tenant's deals; `Custom` types the deals' custom fields. */
export function dealMoves<Custom = unknown>(deps: ServiceDeps, tenantId: string) {
  async function run(
    id: string,
    pick: (pipeline: StoredPipeline, deal: StoredRow) => string,
    request: MoveRequest,
  ) {
    return runCommand(deps, tenantId, async (ctx) => {
      const current = await loadForChange(ctx, dealEntity, id, request.expectedVersion)
      const pipeline = await pipelineOfDeal(ctx.tx, tenantId, current.pipelineId as string)
      return applyMove<Custom>(deps, ctx, current, pipeline, pick(pipeline, current), request)
    })
  }

  function closedStage(pipeline: StoredPipeline, won: boolean, key: string | undefined): string {
    if (key !== undefined) {
      const stage = findStage(pipeline.definition, key)
      if (stage && (!stage.isClosed || stage.isWon !== won)) {
        throw new TransitionRefusedError(`Stage "${key}" is not a ${won ? 'won' : 'lost'} stage`, {
          details: { reason: 'transitionNotAllowed', toStage: key },
        })
      }
      return key
    }
    const stage = pipeline.definition.stages.find((s) => s.isClosed && s.isWon === won)
    if (!stage) {
      throw new TransitionRefusedError(
        `Pipeline ${pipeline.record.key} has no ${won ? 'won' : 'lost'} stage`,
        {
          details: { reason: 'unknownStage' },
        },
      )
    }
    return stage.key
  }

  return {
    /** Moves a deal to another stage of its pipeline, by the pipeline's rules. */
    async move(id: string, stage: string, options: DealMoveOptions = {}) {
      const target = validate(stageKeySchema, stage, 'stage')
      const opts = validate(dealMoveOptions, options, 'move options')
      return run(id, () => target, { ...opts, reopen: false })
    },
    /** Closes a deal as won: into `options.stage`, or the pipeline's first won stage. */
    async markWon(id: string, options: DealCloseOptions = {}) {
      const opts = validate(dealCloseOptions, options, 'markWon options')
      return run(id, (pipeline) => closedStage(pipeline, true, opts.stage), { ...opts, reopen: false })
    },
    /** Closes a deal as lost: into `options.stage`, or the pipeline's first lost stage. */
    async markLost(id: string, options: DealCloseOptions = {}) {
      const opts = validate(dealCloseOptions, options, 'markLost options')
      return run(id, (pipeline) => closedStage(pipeline, false, opts.stage), { ...opts, reopen: false })
    },
    /** Takes a closed deal back to a stage (explicit reopen); its close time is cleared. */
    async reopen(id: string, stage: string, options: DealMoveOptions = {}) {
      const target = validate(stageKeySchema, stage, 'stage')
      const opts = validate(dealMoveOptions, options, 'reopen options')
      return run(id, () => target, { ...opts, reopen: true })
    },
  }
}
