import { z } from 'zod'
import type { CampaignStatus, MemberStatus } from '../domain/campaigns/campaign-vocabulary'
import type { ContactBlockReason } from '../domain/consent'
import { campaignEntity, campaignMemberEntity } from '../entities/campaign-entity'
import type { Campaign } from '../entities/records'
import { InvalidStateError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import { chunks } from '../runtime/find-all'
import { runCommand, type ServiceDeps } from '../runtime/service-context'
import { loadForChange, writeChanges } from '../runtime/versioned-write'
import type { SegmentsApi } from '../segments/api'
import { campaignFinishInput } from './campaign-input'
import { campaignIdInput, requireCampaign } from './campaign-lookup'
import { requireAudienceSegment } from './campaign-spec'

const launchOptions = z
  .object({
    expectedVersion: z.number().int().min(1).optional(),
    /** Only members who opted in on the channel (double opt-in markets); by default `notSpecified` may be sent to. */
    requireOptIn: z.boolean().optional(),
  })
  .strict()

/** Options of `campaigns.launch`. */
export type LaunchOptions = z.input<typeof launchOptions>

/** What a launch did. */
export interface CampaignLaunch {
  readonly campaign: Campaign
  /** Segment members considered. */
  readonly audienceTotal: number
  /** Members created: the audience that may be contacted on the campaign's channel. */
  readonly memberCount: number
  /** Segment members left out, by reason. */
  readonly excluded: Readonly<Record<ContactBlockReason, number>>
}

/** The status new members start in. */
function defaultStatusOf(campaign: { readonly [field: string]: unknown }): MemberStatus {
  return (campaign.memberStatuses as MemberStatus[]).find((s) => s.isDefault)!
}

/** Launching a campaign to its audience, and finishing it. */
export function campaignLaunch(deps: ServiceDeps, tenantId: string, audienceOf: SegmentsApi['audience']) {
  return {
    /**
     * Launches a planned campaign: takes a snapshot of its audience segment, leaves out everyone who may not
     * be contacted on the campaign's channel (counted by reason), creates one member per remaining contact
     * in the default status, and makes the campaign active.
     */
    async launch(campaignId: string, options: LaunchOptions = {}): Promise<CampaignLaunch> {
      const read = await requireCampaign(deps.adapter.reader, tenantId, campaignId)
      const { id } = read
      const { expectedVersion, requireOptIn } = validate(launchOptions, options, 'launch options')
      if (read.status !== 'planned') {
        throw new InvalidStateError(
          `campaign ${id} is ${read.status}; only a planned campaign can be launched`,
        )
      }
      if (read.audienceSegmentKey === null) {
        throw new InvalidStateError(`campaign ${id} has no audience; set audienceSegmentKey before launch`)
      }
      await requireAudienceSegment(deps.adapter.reader, tenantId, read.audienceSegmentKey)
      const audience = await audienceOf(read.audienceSegmentKey, read.channel, {
        ...(requireOptIn === undefined ? {} : { requireOptIn }),
      })
      return runCommand(deps, tenantId, async (ctx) => {
        // The version read before the audience was taken: a concurrent launch or edit is a conflict.
        const current = await loadForChange(ctx, campaignEntity, id, expectedVersion ?? read.version)
        const status = defaultStatusOf(current).name
        for (const slice of chunks(audience.contactIds)) {
          await ctx.tx.insert(
            campaignMemberEntity,
            tenantId,
            slice.map((contactId) => ({
              id: deps.newId(campaignMemberEntity.idPrefix),
              version: 1,
              createdAt: ctx.now,
              updatedAt: ctx.now,
              campaignId: id,
              contactId,
              status,
              respondedAt: null,
            })),
          )
        }
        const written = await writeChanges(ctx, campaignEntity, current, {
          status: 'active',
          launchedAt: ctx.now,
          audienceTotal: audience.total,
          audienceExclusions: audience.excluded,
        })
        const campaign = written as unknown as Campaign
        ctx.emit('campaign.launched', {
          campaign,
          memberCount: audience.contactIds.length,
          excluded: audience.excluded,
        })
        ctx.emit('campaign.statusChanged', { campaign, from: 'planned', to: 'active' })
        return {
          campaign,
          audienceTotal: audience.total,
          memberCount: audience.contactIds.length,
          excluded: audience.excluded,
        }
      })
    },

    /**
     * Ends a campaign: `completed` when it ran its course (only an active one), `aborted` when it was
     * stopped (planned or active). Touches and costs may still be recorded afterwards: results trickle in.
     */
    async finish(
      campaignId: string,
      status: 'completed' | 'aborted',
      options: { expectedVersion?: number } = {},
    ): Promise<Campaign> {
      const id = validate(campaignIdInput, campaignId, 'campaign id')
      const to = validate(campaignFinishInput, status, 'campaign status')
      const { expectedVersion } = validate(launchOptions.pick({ expectedVersion: true }), options, 'options')
      return runCommand(deps, tenantId, async (ctx) => {
        const current = await loadForChange(ctx, campaignEntity, id, expectedVersion)
        const from = current.status as CampaignStatus
        const allowed = to === 'completed' ? from === 'active' : from === 'planned' || from === 'active'
        if (!allowed) {
          throw new InvalidStateError(`campaign ${id} is ${from}; it cannot become ${to}`, {
            details: { from, to },
          })
        }
        const written = await writeChanges(ctx, campaignEntity, current, { status: to, finishedAt: ctx.now })
        const campaign = written as unknown as Campaign
        ctx.emit('campaign.statusChanged', { campaign, from, to })
        return campaign
      })
    },
  }
}
