import { z } from 'zod'
import { campaignMemberEntity, campaignTouchEntity } from '../entities/campaign-entity'
import type { CampaignMember, CampaignTouch } from '../entities/records'
import { validate } from '../errors/validate'
import type { ResolvedFilter } from '../filter/resolved-filter'
import { findAll } from '../runtime/find-all'
import type { ServiceDeps } from '../runtime/service-context'
import { requireCampaign } from './campaign-lookup'

const membersOptions = z.object({ status: z.string().min(1).max(60).optional() }).strict()

/** Options of `campaigns.members`. */
export type CampaignMembersOptions = z.input<typeof membersOptions>

/** Reading a campaign's members and touches. */
export function campaignMembers(deps: ServiceDeps, tenantId: string) {
  const memberField = (name: string) => deps.catalogs.campaignMember.fields.get(name)!
  const touchField = (name: string) => deps.catalogs.campaignTouch.fields.get(name)!

  const existing = async (id: string) => (await requireCampaign(deps.adapter.reader, tenantId, id)).id

  return {
    /** The campaign's members (optionally those in one status), by contact id. */
    async members(campaignId: string, options: CampaignMembersOptions = {}): Promise<CampaignMember[]> {
      const cid = await existing(campaignId)
      const { status } = validate(membersOptions, options, 'members options')
      const items: ResolvedFilter[] = [
        { kind: 'compare', field: memberField('campaignId'), op: 'eq', value: cid },
      ]
      if (status !== undefined)
        items.push({ kind: 'compare', field: memberField('status'), op: 'eq', value: status })
      const now = deps.clock.now().toISOString()
      const rows = await findAll(
        deps.adapter.reader,
        campaignMemberEntity,
        tenantId,
        { kind: 'and', items },
        now,
        memberField('contactId'),
      )
      return rows
    },

    /** Every touch of the campaign, oldest first. */
    async touches(campaignId: string): Promise<CampaignTouch[]> {
      const cid = await existing(campaignId)
      const now = deps.clock.now().toISOString()
      const rows = await findAll(
        deps.adapter.reader,
        campaignTouchEntity,
        tenantId,
        { kind: 'compare', field: touchField('campaignId'), op: 'eq', value: cid },
        now,
        touchField('at'),
      )
      return rows
    },
  }
}
