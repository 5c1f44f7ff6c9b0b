import type { z } from 'zod'
import { caseEntity } from '../entities/case-entity'
import type { Case, SlaPolicy } from '../entities/records'
import { patchedFields } from '../runtime/record-row'
import type { RecordSpec } from '../runtime/record-service'
import { PARTY_REFERENCES, requireReferences } from '../runtime/require-existing'
import type { CommandContext, ServiceDeps } from '../runtime/service-context'
import type { StoredRow } from '../storage/storage-port'
import { caseCreateInput, caseUpdateInput } from './case-input'
import { choosePolicies, startClocksOfNewCases, syncClocks } from './case-sla'
import { clockEnv, clocksOfCases } from './sla/sla-clock-store'

type CaseCreateParsed = z.output<typeof caseCreateInput>
type CaseUpdateParsed = z.output<typeof caseUpdateInput>

/**
 * How cases plug into the generic record service (`Custom` types the app's case custom fields). Creating a case chooses its SLA policy and starts its
 * clocks; every update chooses the policy again and re-applies it to the clocks.
 */
export function caseSpec<Custom = unknown>(
  deps: ServiceDeps,
): RecordSpec<Case<Custom>, CaseCreateParsed, CaseUpdateParsed> {
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

    // A new case is a request waiting for its first reply; its history starts with its first status.
    computeFields(input, { now }) {
      return { awaitingReplySince: now, statusHistory: [{ status: input.status, at: now }] }
    },

    async beforeInsert(ctx, drafts) {
      const rows = drafts.map((d) => d.row)
      await requireReferences(ctx, rows, PARTY_REFERENCES)
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
      const changes = patchedFields(patch)
      if (custom !== undefined) changes.custom = custom
      await requireReferences(ctx, [changes], PARTY_REFERENCES)
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

    events: {
      created: (ctx, kase) => ctx.emit('case.created', { case: kase }),
      createdMany: (ctx, ids) => ctx.emit('case.createdMany', { caseIds: ids, count: ids.length }),
      updated: (ctx, kase, changed) => ctx.emit('case.updated', { case: kase, changedFields: changed }),
    },
  }
}
