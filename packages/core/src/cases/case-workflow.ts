import { caseStatusMove } from '../domain/cases/case-status'
import type { CaseStatus } from '../domain/cases/case-vocabulary'
import { caseEntity } from '../entities/case-entity'
import { caseMessageEntity } from '../entities/case-message-entity'
import type { Case, CaseMessage, SlaClock } from '../entities/records'
import { slaClockEntity } from '../entities/sla-clock-entity'
import { InvalidStateError, NotFoundError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import { findAll } from '../runtime/find-all'
import { type CommandContext, runCommand, type ServiceDeps } from '../runtime/service-context'
import { loadForChange, writeChanges } from '../runtime/versioned-write'
import {
  type CaseMessageInput,
  type CaseStatusOptions,
  caseMessageInput,
  caseStatusInput,
  caseStatusOptions,
} from './case-input'
import { type CaseRow, choosePolicies, followMessage, followStatus, syncClocks } from './case-sla'
import { type ClockRow, clockEnv, clocksOfCases } from './sla/sla-clock-store'

/**
 * The row changes of a status move, or none when the case is already there.
 * @throws InvalidStateError when the move is not allowed (details.reason = 'statusTransitionNotAllowed').
 */
function statusChanges(current: CaseRow, to: CaseStatus, now: string): Record<string, unknown> {
  const move = caseStatusMove(current.status, to)
  if (!move.ok) {
    throw new InvalidStateError(`Case ${current.id}: ${move.message}`, {
      details: { reason: 'statusTransitionNotAllowed', caseId: current.id, from: current.status, to },
    })
  }
  if (move.unchanged) return {}
  return {
    status: to,
    statusHistory: [...current.statusHistory, { status: to, at: now }],
    ...(to === 'solved' ? { solvedAt: now, awaitingReplySince: null } : {}),
    ...(move.reopen ? { solvedAt: null } : {}),
    ...(to === 'closed' ? { closedAt: now } : {}),
  }
}

/**
 * Writes a case's changes, then keeps its clocks in step: the status effects, and on a reopen the policy
 * chosen again and re-applied. Returns the written case and its clocks.
 */
async function changeCase(
  deps: ServiceDeps,
  ctx: CommandContext,
  current: CaseRow,
  changes: Record<string, unknown>,
): Promise<{ kase: CaseRow; clocks: ClockRow[] }> {
  const env = clockEnv(deps, ctx)
  const reopen = current.status === 'solved' && changes.status === 'open'
  let policy = null
  if (reopen) {
    const next = { ...current, ...changes }
    policy = (await choosePolicies(env, [next])).get(next.id) ?? null
    changes.slaPolicyId = policy?.id ?? null
  }
  const kase = (await writeChanges(ctx, caseEntity, current, changes)) as CaseRow
  if (changes.status !== undefined) {
    ctx.emit('case.statusChanged', { case: kase, from: current.status, to: kase.status })
  }
  let clocks = await clocksOfCases(env, [current.id])
  if (changes.status !== undefined) clocks = await followStatus(env, current, kase, clocks)
  if (reopen) clocks = await syncClocks(env, kase, policy, clocks)
  return { kase, clocks }
}

/** Status moves and messages of one tenant's cases; `Custom` types the cases' custom fields. */
export function caseWorkflow<Custom = unknown>(deps: ServiceDeps, tenantId: string) {
  async function setStatus(
    id: string,
    status: CaseStatus,
    options: CaseStatusOptions = {},
    onlyFrom?: CaseStatus,
  ): Promise<Case<Custom>> {
    const to = validate(caseStatusInput, status, 'case status')
    const { expectedVersion } = validate(caseStatusOptions, options, 'status options')
    return runCommand(deps, tenantId, async (ctx) => {
      const current = (await loadForChange(ctx, caseEntity, id, expectedVersion)) as CaseRow
      if (onlyFrom !== undefined && current.status !== onlyFrom) {
        throw new InvalidStateError(`Case ${id} is ${current.status}, not ${onlyFrom}`, {
          details: { reason: 'statusTransitionNotAllowed', caseId: id, from: current.status, to },
        })
      }
      const changes = statusChanges(current, to, ctx.now)
      if (Object.keys(changes).length === 0) return current as Case<Custom>
      return (await changeCase(deps, ctx, current, changes)).kase as Case<Custom>
    })
  }

  return {
    /** Moves a case to another status by {@link CASE_STATUS_TRANSITIONS}. @throws InvalidStateError */
    setStatus: (id: string, status: CaseStatus, options?: CaseStatusOptions) =>
      setStatus(id, status, options),
    /** Marks a case solved: every running clock stops (met if in time). */
    solve: (id: string, options?: CaseStatusOptions) => setStatus(id, 'solved', options),
    /** Takes a solved case back to `open`: the resolution clock runs again (the solved spell excluded). */
    reopen: (id: string, options?: CaseStatusOptions) => setStatus(id, 'open', options, 'solved'),
    /** Closes a solved case for good. */
    close: (id: string, options?: CaseStatusOptions) => setStatus(id, 'closed', options),

    /**
     * Adds a message. A public agent reply answers the customer: it stops the first-response and
     * next-response clocks and moves a `new` case to `open`. A customer message moves a `pending` case to
     * `open`, reopens a `solved` one, and, after the first reply, starts a next-response cycle if none runs.
     * A closed case takes no messages.
     */
    async addMessage(caseId: string, input: CaseMessageInput, options: CaseStatusOptions = {}) {
      const message = validate(caseMessageInput, input, 'case message')
      const { expectedVersion } = validate(caseStatusOptions, options, 'message options')
      return runCommand(deps, tenantId, async (ctx) => {
        const current = (await loadForChange(ctx, caseEntity, caseId, expectedVersion)) as CaseRow
        if (current.status === 'closed') {
          throw new InvalidStateError(`Case ${caseId} is closed; open a new case for a follow-up`, {
            details: { reason: 'caseClosed', caseId },
          })
        }
        const row = {
          id: deps.newId(caseMessageEntity.idPrefix),
          caseId: current.id,
          visibility: message.visibility,
          authorKind: message.authorKind,
          authorId: message.authorId ?? null,
          body: message.body,
          createdAt: ctx.now,
        }
        await ctx.tx.insert(caseMessageEntity, tenantId, [row])
        const record = row as CaseMessage
        const changes: Record<string, unknown> = {}
        let status = current.status
        if (message.authorKind === 'customer') {
          if (current.status === 'solved' || current.status === 'pending') status = 'open'
          if (current.awaitingReplySince === null) changes.awaitingReplySince = ctx.now
        } else if (message.visibility === 'public') {
          if (current.firstRespondedAt === null) changes.firstRespondedAt = ctx.now
          if (current.awaitingReplySince !== null) changes.awaitingReplySince = null
          if (current.status === 'new') status = 'open'
        }
        Object.assign(changes, statusChanges(current, status, ctx.now))
        // Status effects come first (a reopen runs the resolution clock again), then the message's.
        const env = clockEnv(deps, ctx)
        const { kase, clocks } =
          Object.keys(changes).length === 0
            ? { kase: current, clocks: await clocksOfCases(env, [current.id]) }
            : await changeCase(deps, ctx, current, changes)
        ctx.emit('case.messageAdded', { message: record, case: kase })
        await followMessage(env, kase, message, clocks)
        return record
      })
    },

    /** The messages of a case, oldest first. @throws NotFoundError */
    async messages(caseId: string): Promise<CaseMessage[]> {
      await requireCase(deps, tenantId, caseId)
      const field = (name: string) => deps.catalogs.caseMessage.fields.get(name)!
      const rows = await findAll(
        deps.adapter.reader,
        caseMessageEntity,
        tenantId,
        { kind: 'compare', field: field('caseId'), op: 'eq', value: caseId },
        deps.clock.now().toISOString(),
        field('createdAt'),
      )
      return rows
    },

    /** The SLA clocks of a case: first response, each next-response cycle, resolution. @throws NotFoundError */
    async clocks(caseId: string): Promise<SlaClock[]> {
      await requireCase(deps, tenantId, caseId)
      const field = (name: string) => deps.catalogs.slaClock.fields.get(name)!
      const rows = await deps.adapter.reader.find(slaClockEntity, tenantId, {
        filter: { kind: 'compare', field: field('caseId'), op: 'eq', value: caseId },
        sort: [
          { field: field('metric'), direction: 'asc' },
          { field: field('cycle'), direction: 'asc' },
        ],
        now: deps.clock.now().toISOString(),
      })
      return rows
    },
  }
}

async function requireCase(deps: ServiceDeps, tenantId: string, caseId: string): Promise<void> {
  if (!(await deps.adapter.reader.get(caseEntity, tenantId, String(caseId)))) {
    throw new NotFoundError('case', String(caseId))
  }
}
