import type { z } from 'zod'
import { caseEntity } from '../entities/case-entity'
import type { Case, SlaPolicy } from '../entities/records'
import type { RecordSpec } from '../runtime/record-service'
import { requireParties } from '../runtime/require-existing'
import type { CommandContext, ServiceDeps } from '../runtime/service-context'
import type { StoredRow } from '../storage/storage-port'
import { caseCreateInput, caseUpdateInput } from './case-input'
import { choosePolicies, startClocksOfNewCases, syncClocks } from './case-sla'
import { clockEnv, clocksOfCases } from './sla/sla-clock-store'

type CaseCreateParsed = z.output<typeof caseCreateInput>
type CaseUpdateParsed = z.output<typeof caseUpdateInput>

const PATCHABLE = [
  'subject',
  'description',
  'contactId',
  'companyId',
  'channel',
  'priority',
  'category',
  'product',
  'satisfaction',
  'assigneeId',
] as const

/**
 * How cases plug into the generic record service. Creating a case chooses its SLA policy and starts its
 * clocks; every update chooses the policy again and re-applies it to the clocks.
 */
export function caseSpec(deps: ServiceDeps): RecordSpec<Case<unknown>, CaseCreateParsed, CaseUpdateParsed> {
  const chosenOnCreate = new WeakMap<StoredRow, SlaPolicy | null>()
  const chosenOnUpdate = new WeakMap<CommandContext, SlaPolicy | null>()
  return {
    entity: caseEntity,
    catalog: deps.catalogs.case,
    custom: deps.custom.case,
    createSchema: caseCreateInput,
    updateSchema: caseUpdateInput,
    defaultSort: [{ field: 'createdAt', direction: 'desc' }],
    archivable: false,

    buildRow(input, custom, { id, now }) {
      return {
        id,
        version: 1,
        createdAt: now,
        updatedAt: now,
        subject: input.subject,
        description: input.description ?? null,
        contactId: input.contactId ?? null,
        companyId: input.companyId ?? null,
        channel: input.channel ?? null,
        priority: input.priority,
        category: input.category ?? null,
        product: input.product ?? null,
        status: input.status,
        satisfaction: input.satisfaction ?? null,
        assigneeId: input.assigneeId ?? null,
        slaPolicyId: null,
        firstRespondedAt: null,
        // A new case is a request waiting for its first reply.
        awaitingReplySince: now,
        solvedAt: null,
        closedAt: null,
        statusHistory: [{ status: input.status, at: now }],
        custom,
      }
    },

    async beforeInsert(ctx, drafts) {
      await requireParties(
        ctx,
        'contact',
        drafts.map((d) => d.input.contactId),
      )
      await requireParties(
        ctx,
        'company',
        drafts.map((d) => d.input.companyId),
      )
      const rows = drafts.map((d) => d.row)
      const chosen = await choosePolicies(clockEnv(deps, ctx), rows as unknown as Case<unknown>[])
      return rows.map((row) => {
        const policy = chosen.get(row.id) ?? null
        const complete = { ...row, slaPolicyId: policy?.id ?? null }
        chosenOnCreate.set(complete, policy)
        return complete
      })
    },

    async afterInsert(ctx, rows) {
      await startClocksOfNewCases(
        clockEnv(deps, ctx),
        rows.map((row) => ({
          kase: row as unknown as Case<unknown>,
          policy: chosenOnCreate.get(row) ?? null,
        })),
      )
    },

    async patchChanges(current, patch, custom, ctx) {
      const changes: Record<string, unknown> = {}
      for (const key of PATCHABLE) if (patch[key] !== undefined) changes[key] = patch[key]
      if (custom !== undefined) changes.custom = custom
      await requireParties(ctx, 'contact', [changes.contactId as string | null | undefined])
      await requireParties(ctx, 'company', [changes.companyId as string | null | undefined])
      const next = { ...current, ...changes } as unknown as Case<unknown>
      const policy = (await choosePolicies(clockEnv(deps, ctx), [next])).get(next.id) ?? null
      chosenOnUpdate.set(ctx, policy)
      changes.slaPolicyId = policy?.id ?? null
      return changes
    },

    async afterUpdate(ctx, _before, after) {
      const env = clockEnv(deps, ctx)
      const kase = after as unknown as Case<unknown>
      await syncClocks(env, kase, chosenOnUpdate.get(ctx) ?? null, await clocksOfCases(env, [kase.id]))
    },

    present: (row: StoredRow) => row as unknown as Case<unknown>,

    events: {
      created: (ctx, kase) => ctx.emit('case.created', { case: kase }),
      createdMany: (ctx, ids) => ctx.emit('case.createdMany', { caseIds: ids, count: ids.length }),
      updated: (ctx, kase, changed) => ctx.emit('case.updated', { case: kase, changedFields: changed }),
    },
  }
}
