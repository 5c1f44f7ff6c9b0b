import type { z } from 'zod'
import { dealValuesInStage, stageStateOfDeal } from '../domain/pipeline/deal-values'
import { findStage } from '../domain/pipeline/pipeline-definition'
import { campaignEntity } from '../entities/campaign-entity'
import { companyEntity } from '../entities/company-entity'
import { contactEntity } from '../entities/contact-entity'
import { dealContactEntity } from '../entities/deal-contact-entity'
import { dealEntity } from '../entities/deal-entity'
import { dealStageChangeEntity } from '../entities/deal-stage-change-entity'
import type { Deal } from '../entities/records'
import { InvalidStateError, ValidationError } from '../errors/rapport-error'
import { patchedFields } from '../runtime/record-row'
import type { RecordSpec } from '../runtime/record-service'
import { requireRecords, requireReferences } from '../runtime/require-existing'
import type { ServiceDeps } from '../runtime/service-context'
import type { StoredRow } from '../storage/storage-port'
import { dealCreateInput, dealUpdateInput } from './deal-input'
import { requireCurrency, requireEntry } from './deal-rules'
import { pipelineForNewDeal, pipelineOfDeal } from './stored-pipelines'

type DealCreateParsed = z.output<typeof dealCreateInput>
type DealUpdateParsed = z.output<typeof dealUpdateInput>

/** The history entry of a deal's creation, or of a move. */
export function stageChangeRow(
  deps: ServiceDeps,
  deal: StoredRow,
  fromStage: string | null,
  extra: { actor: string | null; reason: string | null; reopened: boolean; at: string },
): StoredRow {
  return {
    id: deps.newId(dealStageChangeEntity.idPrefix),
    dealId: deal.id,
    pipelineId: deal.pipelineId,
    fromStage,
    toStage: deal.stageKey,
    amountMinor: deal.amountMinor,
    currency: deal.currency,
    probability: deal.probability,
    forecastCategory: deal.forecastCategory,
    actor: extra.actor,
    reason: extra.reason,
    reopened: extra.reopened,
    occurredAt: extra.at,
    dealVersion: deal.version,
  }
}

/** How deals plug into the generic record service; `Custom` types the app's deal custom fields. */
export function dealSpec<Custom = unknown>(
  deps: ServiceDeps,
): RecordSpec<Deal<Custom>, DealCreateParsed, DealUpdateParsed> {
  const pendingContacts = new WeakMap<StoredRow, DealCreateParsed['contacts']>()
  return {
    entity: dealEntity,
    catalog: deps.catalogs.deal,
    custom: deps.custom.deal,
    createSchema: dealCreateInput,
    updateSchema: dealUpdateInput,
    defaultSort: [{ field: 'createdAt', direction: 'desc' }],
    archivable: true,

    // The pipeline and stage are only known inside the transaction: beforeInsert completes the row.
    computeFields(input, { now }) {
      return { amountMinor: input.amount?.amountMinor ?? null, stageEnteredAt: now }
    },

    async beforeInsert(ctx, drafts) {
      const drafted = drafts.map((d) => d.row)
      await requireReferences(ctx, drafted, { companyId: companyEntity })
      await requireRecords(
        ctx,
        contactEntity,
        drafts.flatMap((d) => d.input.contacts.map((c) => c.contactId)),
      )
      await requireReferences(ctx, drafted, { primaryCampaignId: campaignEntity })
      const rows: StoredRow[] = []
      for (const [index, { row, input }] of drafts.entries()) {
        const pipeline = await pipelineForNewDeal(deps, ctx, input.pipeline)
        const stage = input.stage
          ? findStage(pipeline.definition, input.stage)
          : pipeline.definition.stages.find((s) => !s.isClosed)
        if (!stage) {
          throw new ValidationError(`Unknown stage "${input.stage}" in pipeline ${pipeline.record.key}`, [
            {
              code: 'custom',
              path: drafts.length > 1 ? [index, 'stage'] : ['stage'],
              message: `Known stages: ${pipeline.definition.stages.map((s) => s.key).join(', ')}`,
              input: input.stage,
            },
          ])
        }
        requireCurrency(input.amount, pipeline.record.currency)
        if (stage.isClosed && (input.probability != null || input.forecastCategory != null)) {
          throw new InvalidStateError(
            'A deal in a closed stage takes its probability and forecast category from the stage',
          )
        }
        const closedAt = stage.isClosed ? (input.closedAt ?? ctx.now) : null
        const values = dealValuesInStage(stage, {
          stageKey: stage.key,
          probabilityOverride: input.probability ?? null,
          forecastCategoryOverride: input.forecastCategory ?? null,
          amountMinor: input.amount?.amountMinor ?? null,
          closedAt,
          isClosed: stage.isClosed,
          isWon: stage.isWon,
        })
        const complete: StoredRow = {
          ...row,
          pipelineId: pipeline.record.id,
          stageKey: stage.key,
          currency: pipeline.record.currency,
          ...values,
          closedAt,
          closeDate: closedAt ? closedAt.slice(0, 10) : row.closeDate,
          isClosed: stage.isClosed,
          isWon: stage.isWon,
        }
        requireEntry(deps, ctx, stage, complete)
        pendingContacts.set(complete, input.contacts)
        rows.push(complete)
      }
      return rows
    },

    async afterInsert(ctx, rows) {
      await ctx.tx.insert(
        dealStageChangeEntity,
        ctx.tenantId,
        rows.map((row) =>
          stageChangeRow(deps, row, null, { actor: null, reason: null, reopened: false, at: ctx.now }),
        ),
      )
      const links = rows.flatMap((row) => {
        const contacts = pendingContacts.get(row) ?? []
        const primary = Math.max(
          0,
          contacts.findIndex((c) => c.isPrimary),
        )
        return contacts.map((c, i) => ({
          id: deps.newId(dealContactEntity.idPrefix),
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          dealId: row.id,
          contactId: c.contactId,
          role: c.role ?? null,
          isPrimary: i === primary,
        }))
      })
      await ctx.tx.insert(dealContactEntity, ctx.tenantId, links)
    },

    async patchChanges(current, patch, custom, ctx) {
      const changes = patchedFields(patch, ['amount', 'probability', 'forecastCategory'])
      await requireReferences(ctx, [changes], { companyId: companyEntity, primaryCampaignId: campaignEntity })
      const touchesValues =
        patch.amount !== undefined || patch.probability !== undefined || patch.forecastCategory !== undefined
      if (touchesValues) {
        const pipeline = await pipelineOfDeal(ctx.tx, ctx.tenantId, current.pipelineId as string)
        const stage = findStage(pipeline.definition, current.stageKey as string)
        if (!stage)
          throw new InvalidStateError(`stage ${String(current.stageKey)} no longer exists in its pipeline`)
        requireCurrency(patch.amount, pipeline.record.currency)
        if (current.isClosed && (patch.probability != null || patch.forecastCategory != null)) {
          throw new InvalidStateError(
            'A closed deal takes its probability and forecast category from its stage',
          )
        }
        const state = stageStateOfDeal(current as unknown as Deal<unknown>)
        const values = dealValuesInStage(stage, {
          ...state,
          amountMinor: patch.amount === undefined ? state.amountMinor : (patch.amount?.amountMinor ?? null),
          probabilityOverride:
            patch.probability === undefined ? state.probabilityOverride : patch.probability,
          forecastCategoryOverride:
            patch.forecastCategory === undefined ? state.forecastCategoryOverride : patch.forecastCategory,
        })
        if (patch.amount !== undefined) changes.amountMinor = patch.amount?.amountMinor ?? null
        Object.assign(changes, values)
      }
      if (custom !== undefined) changes.custom = custom
      return changes
    },

    events: {
      created: (ctx, deal) => ctx.emit('deal.created', { deal }),
      createdMany: (ctx, ids) => ctx.emit('deal.createdMany', { dealIds: ids, count: ids.length }),
      updated: (ctx, deal, changed) => ctx.emit('deal.updated', { deal, changedFields: changed }),
      archived: (ctx, deal) => ctx.emit('deal.archived', { deal }),
      restored: (ctx, deal) => ctx.emit('deal.restored', { deal }),
    },
  }
}
