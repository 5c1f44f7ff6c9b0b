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
import { InvalidStateError, NotFoundError, ValidationError } from '../errors/rapport-error'
import type { RecordSpec } from '../runtime/record-service'
import type { CommandContext, ServiceDeps } from '../runtime/service-context'
import type { StoredRow } from '../storage/storage-port'
import { dealCreateInput, dealUpdateInput } from './deal-input'
import { requireCurrency, requireEntry } from './deal-rules'
import { pipelineForNewDeal, pipelineOfDeal } from './pipelines'

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

const REFERENCED = { contact: contactEntity, company: companyEntity, campaign: campaignEntity } as const

/** Refuses ids that name no record of the kind in this tenant (another tenant's id included). */
async function requireExisting(ctx: CommandContext, kind: keyof typeof REFERENCED, ids: readonly string[]) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return
  const entity = REFERENCED[kind]
  const found = new Set((await ctx.tx.getMany(entity, ctx.tenantId, unique)).map((r) => r.id))
  const missing = unique.find((id) => !found.has(id))
  if (missing !== undefined) throw new NotFoundError(kind, missing)
}

/** How deals plug into the generic record service. */
export function dealSpec(deps: ServiceDeps): RecordSpec<Deal<unknown>, DealCreateParsed, DealUpdateParsed> {
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
    buildRow(input, custom, { id, now }) {
      return {
        id,
        version: 1,
        createdAt: now,
        updatedAt: now,
        archivedAt: null,
        name: input.name,
        amountMinor: input.amount?.amountMinor ?? null,
        closeDate: input.closeDate ?? null,
        closeReason: input.closeReason ?? null,
        ownerId: input.ownerId ?? null,
        companyId: input.companyId ?? null,
        primaryCampaignId: input.primaryCampaignId ?? null,
        source: input.source ?? null,
        stageEnteredAt: now,
        custom,
      }
    },

    async beforeInsert(ctx, drafts) {
      await requireExisting(
        ctx,
        'company',
        drafts.flatMap((d) => (d.input.companyId ? [d.input.companyId] : [])),
      )
      await requireExisting(
        ctx,
        'contact',
        drafts.flatMap((d) => d.input.contacts.map((c) => c.contactId)),
      )
      await requireExisting(
        ctx,
        'campaign',
        drafts.flatMap((d) => (d.input.primaryCampaignId ? [d.input.primaryCampaignId] : [])),
      )
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
        requireEntry(deps, stage, complete, ctx.now)
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
      const changes: Record<string, unknown> = {}
      for (const key of [
        'name',
        'closeDate',
        'closeReason',
        'ownerId',
        'companyId',
        'primaryCampaignId',
        'source',
      ] as const) {
        if (patch[key] !== undefined) changes[key] = patch[key]
      }
      if (typeof changes.companyId === 'string') await requireExisting(ctx, 'company', [changes.companyId])
      if (typeof changes.primaryCampaignId === 'string') {
        await requireExisting(ctx, 'campaign', [changes.primaryCampaignId])
      }
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

    present: (row: StoredRow) => row as unknown as Deal<unknown>,

    events: {
      created: (ctx, deal) => ctx.emit('deal.created', { deal }),
      createdMany: (ctx, ids) => ctx.emit('deal.createdMany', { dealIds: ids, count: ids.length }),
      updated: (ctx, deal, changed) => ctx.emit('deal.updated', { deal, changedFields: changed }),
      archived: (ctx, deal) => ctx.emit('deal.archived', { deal }),
      restored: (ctx, deal) => ctx.emit('deal.restored', { deal }),
    },
  }
}
