import type { z } from 'zod'
import { MAX_CAMPAIGN_LEVELS } from '../domain/campaigns/campaign-hierarchy'
import { DEFAULT_MEMBER_STATUSES } from '../domain/campaigns/campaign-vocabulary'
import { campaignEntity } from '../entities/campaign-entity'
import type { Campaign } from '../entities/records'
import { InvalidStateError, NotFoundError, ValidationError } from '../errors/rapport-error'
import { patchedFields } from '../runtime/record-row'
import type { RecordSpec } from '../runtime/record-service'
import { requireSegment } from '../runtime/segment-filters'
import type { CommandContext, ServiceDeps } from '../runtime/service-context'
import type { StorageReader, StoredRow } from '../storage/storage-port'
import { campaignCreateInput, campaignUpdateInput } from './campaign-input'

type CampaignCreateParsed = z.output<typeof campaignCreateInput>
type CampaignUpdateParsed = z.output<typeof campaignUpdateInput>

function refused(path: string, message: string, input: unknown): ValidationError {
  return new ValidationError(`Invalid campaign: ${message}`, [
    { code: 'custom', path: [path], message, input },
  ])
}

/** An audience is a contact segment; checked when it is named, and again at launch. */
export async function requireAudienceSegment(reader: StorageReader, tenantId: string, key: string) {
  const segment = await requireSegment(reader, tenantId, key)
  if (segment.entity !== 'contact') {
    throw new InvalidStateError(`segment ${key} holds companies; a campaign audience is contacts`)
  }
  return segment
}

/**
 * Where a new campaign sits: under a parent of the same currency, at most {@link MAX_CAMPAIGN_LEVELS}
 * deep. Parents created earlier in the same batch count.
 */
async function placeInHierarchy(
  ctx: CommandContext,
  row: StoredRow,
  batch: ReadonlyMap<string, StoredRow>,
): Promise<{ rootId: string; level: number }> {
  const parentId = row.parentId as string | null
  if (parentId === null) return { rootId: row.id, level: 1 }
  const parent = batch.get(parentId) ?? (await ctx.tx.get(campaignEntity, ctx.tenantId, parentId))
  if (!parent) throw new NotFoundError('campaign', parentId, { details: { path: ['parentId'] } })
  if (parent.currency !== row.currency) {
    throw refused(
      'currency',
      `a campaign hierarchy has one currency: the parent is in ${String(parent.currency)}`,
      row.currency,
    )
  }
  const level = (parent.level as number) + 1
  if (level > MAX_CAMPAIGN_LEVELS) {
    throw refused(
      'parentId',
      `the campaign would be at level ${level}; a hierarchy has at most ${MAX_CAMPAIGN_LEVELS} levels`,
      parentId,
    )
  }
  return { rootId: parent.rootId as string, level }
}

/** How campaigns plug into the generic record service (get, list, count, filters, versioned updates). */
export function campaignSpec(
  deps: ServiceDeps,
): RecordSpec<Campaign, CampaignCreateParsed, CampaignUpdateParsed> {
  return {
    entity: campaignEntity,
    catalog: deps.catalogs.campaign,
    custom: { entity: 'campaign', schema: undefined, descriptors: [] },
    createSchema: campaignCreateInput,
    updateSchema: campaignUpdateInput,
    defaultSort: [{ field: 'createdAt', direction: 'desc' }],
    archivable: false,

    // A new campaign is planned, a root until beforeInsert places it under its parent.
    computeFields(input, { id }) {
      return {
        status: 'planned',
        rootId: id,
        level: 1,
        offers: input.offers ?? [],
        message: input.message ? { subject: input.message.subject ?? null, body: input.message.body } : null,
        memberStatuses: input.memberStatuses ?? DEFAULT_MEMBER_STATUSES,
      }
    },

    async beforeInsert(ctx, drafts) {
      const batch = new Map<string, StoredRow>()
      const rows: StoredRow[] = []
      for (const { row } of drafts) {
        if (row.audienceSegmentKey !== null) {
          await requireAudienceSegment(ctx.tx, ctx.tenantId, row.audienceSegmentKey as string)
        }
        const placed = { ...row, ...(await placeInHierarchy(ctx, row, batch)) }
        batch.set(placed.id, placed)
        rows.push(placed)
      }
      return rows
    },

    async patchChanges(current, patch, _custom, ctx) {
      const changes = patchedFields(patch, ['audienceSegmentKey', 'memberStatuses'])
      if (patch.message)
        changes.message = { subject: patch.message.subject ?? null, body: patch.message.body }
      const launched = current.launchedAt !== null
      if (patch.audienceSegmentKey !== undefined) {
        if (launched) throw new InvalidStateError(`campaign ${current.id} is launched; its audience is fixed`)
        if (patch.audienceSegmentKey !== null) {
          await requireAudienceSegment(ctx.tx, ctx.tenantId, patch.audienceSegmentKey)
        }
        changes.audienceSegmentKey = patch.audienceSegmentKey
      }
      if (patch.memberStatuses !== undefined) {
        if (launched) {
          throw new InvalidStateError(`campaign ${current.id} is launched; its member statuses are fixed`)
        }
        changes.memberStatuses = patch.memberStatuses
      }
      if (patch.channel !== undefined && launched && patch.channel !== current.channel) {
        throw new InvalidStateError(`campaign ${current.id} is launched; its channel is fixed`)
      }
      const start = (changes.startDate ?? current.startDate) as string | null
      const end = (changes.endDate ?? current.endDate) as string | null
      if (start && end && end < start) throw refused('endDate', 'the end date is before the start date', end)
      return changes
    },

    events: {
      created: (ctx, campaign) => ctx.emit('campaign.created', { campaign }),
      createdMany: (ctx, ids) => ctx.emit('campaign.createdMany', { campaignIds: ids, count: ids.length }),
      updated: (ctx, campaign, changed) => ctx.emit('campaign.updated', { campaign, changedFields: changed }),
    },
  }
}
