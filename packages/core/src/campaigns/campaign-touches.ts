import type { z } from 'zod'
import { writeConsent } from '../customers/api'
import type { MemberStatus } from '../domain/campaigns/campaign-vocabulary'
import type { ConsentByChannel, ContactChannel } from '../domain/consent'
import { campaignMemberEntity, campaignTouchEntity } from '../entities/campaign-entity'
import { contactEntity } from '../entities/contact-entity'
import type { CampaignMember } from '../entities/records'
import { InvalidStateError, NotFoundError, ValidationError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import { chunks } from '../runtime/find-all'
import { sortedIds } from '../runtime/lock-order'
import { type CommandContext, runCommand, type ServiceDeps } from '../runtime/service-context'
import { loadForChange, type VersionedRow, writeChanges } from '../runtime/versioned-write'
import type { StoredRow } from '../storage/storage-port'
import { type CampaignTouchRecordInput, campaignTouchesInput } from './campaign-input'
import { campaignIdInput, requireCampaign } from './campaign-lookup'

type ParsedTouch = z.output<typeof campaignTouchesInput>[number]

/** Kinds that mean the member answered: they move the member into a responded status. */
const RESPONDING_KINDS = new Set(['responded', 'converted'])

/** What `campaigns.recordTouches` did. */
export interface TouchesRecorded {
  readonly recorded: number
  readonly byKind: Readonly<Record<string, number>>
  /** Members whose status changed, as they are now. */
  readonly membersChanged: readonly CampaignMember[]
  /** Contacts whose consent on the campaign's channel was withdrawn by an `unsubscribed` touch. */
  readonly unsubscribed: readonly string[]
}

/** The status a touch puts a member in, or null to leave it. */
function nextStatus(
  statuses: readonly MemberStatus[],
  current: string,
  touch: ParsedTouch,
  index: number,
): string | null {
  if (touch.memberStatus !== undefined) {
    if (!statuses.some((s) => s.name === touch.memberStatus)) {
      const message = `Not a member status of this campaign: ${statuses.map((s) => s.name).join(', ')}`
      throw new ValidationError(`Invalid touch: ${message}`, [
        { code: 'custom', path: [index, 'memberStatus'], message, input: touch.memberStatus },
      ])
    }
    return touch.memberStatus === current ? null : touch.memberStatus
  }
  if (touch.kind === 'unsubscribed') {
    return statuses.some((s) => s.name === 'unsubscribed') && current !== 'unsubscribed'
      ? 'unsubscribed'
      : null
  }
  if (!RESPONDING_KINDS.has(touch.kind)) return null
  const respondedNow = statuses.find((s) => s.name === current)?.responded === true
  return respondedNow ? null : statuses.find((s) => s.responded)!.name
}

/** Recording what happened between a campaign and its members. */
export function campaignTouches(deps: ServiceDeps, tenantId: string) {
  const memberField = (name: string) => deps.catalogs.campaignMember.fields.get(name)!

  async function membersOf(ctx: CommandContext, campaignId: string, contactIds: readonly string[]) {
    const byContact = new Map<string, VersionedRow>()
    for (const slice of chunks([...new Set(contactIds)])) {
      const rows = await ctx.tx.find(campaignMemberEntity, tenantId, {
        filter: {
          kind: 'and',
          items: [
            { kind: 'compare', field: memberField('campaignId'), op: 'eq', value: campaignId },
            { kind: 'member', field: memberField('contactId'), negate: false, values: slice },
          ],
        },
        now: ctx.now,
      })
      for (const row of rows) byContact.set(row.contactId, row)
    }
    return byContact
  }

  /** An unsubscribe withdraws consent on the channel; false when it was withdrawn already. */
  async function withdrawConsent(
    ctx: CommandContext,
    contactId: string,
    channel: ContactChannel,
    at: string,
    source: string,
  ) {
    const current = await loadForChange(ctx, contactEntity, contactId)
    if ((current.consent as ConsentByChannel)[channel]?.status === 'unsubscribed') return false
    await writeConsent(ctx, current, channel, {
      status: 'unsubscribed',
      source,
      legalBasis: null,
      capturedAt: at,
    })
    return true
  }

  return {
    /**
     * Records touches of one campaign's members, in one transaction: each touch is stored; `responded` and
     * `converted` move the member into the campaign's first responded status (unless it is in one already,
     * or the touch names `memberStatus`); `unsubscribed` withdraws the member's consent on the campaign's
     * channel. Every contact must be a member: a touch for anyone else is refused and nothing is written.
     */
    async recordTouches(
      campaignId: string,
      touches: readonly CampaignTouchRecordInput[],
    ): Promise<TouchesRecorded> {
      const cid = validate(campaignIdInput, campaignId, 'campaign id')
      const parsed = validate(campaignTouchesInput, touches, 'campaign touches')
      return runCommand(deps, tenantId, async (ctx) => {
        const campaign = await requireCampaign(ctx.tx, tenantId, cid)
        if (campaign.launchedAt === null) {
          throw new InvalidStateError(`campaign ${cid} is not launched; it has no members to touch`)
        }
        const statuses = campaign.memberStatuses as MemberStatus[]
        const members = await membersOf(
          ctx,
          cid,
          parsed.map((t) => t.contactId),
        )
        const rows: StoredRow[] = []
        const byKind: Record<string, number> = {}
        const statusOf = new Map<string, { status: string; respondedAt: string | null }>()
        // Consent is withdrawn after the loop, contacts in id order (the one lock order), each at the
        // instant of its first unsubscribe touch.
        const unsubscribeAt = new Map<string, string>()
        for (const [index, touch] of parsed.entries()) {
          const member = members.get(touch.contactId)
          if (!member) {
            throw new NotFoundError('campaignMember', touch.contactId, {
              details: { campaignId: cid, path: [index, 'contactId'] },
            })
          }
          rows.push({
            id: deps.newId(campaignTouchEntity.idPrefix),
            campaignId: cid,
            contactId: touch.contactId,
            kind: touch.kind,
            at: touch.at,
            opportunityCreated: touch.opportunityCreated === true,
            recordedAt: ctx.now,
          })
          byKind[touch.kind] = (byKind[touch.kind] ?? 0) + 1
          const state = statusOf.get(member.id) ?? {
            status: member.status as string,
            respondedAt: member.respondedAt as string | null,
          }
          const next = nextStatus(statuses, state.status, touch, index)
          if (next !== null) {
            const responded = statuses.find((s) => s.name === next)!.responded
            const respondedAt =
              responded && (state.respondedAt === null || touch.at < state.respondedAt)
                ? touch.at
                : state.respondedAt
            statusOf.set(member.id, { status: next, respondedAt })
          }
          if (touch.kind === 'unsubscribed' && !unsubscribeAt.has(touch.contactId)) {
            unsubscribeAt.set(touch.contactId, touch.at)
          }
        }
        const unsubscribed: string[] = []
        for (const contactId of sortedIds(unsubscribeAt.keys())) {
          const at = unsubscribeAt.get(contactId)!
          if (
            await withdrawConsent(ctx, contactId, campaign.channel as ContactChannel, at, `campaign ${cid}`)
          ) {
            unsubscribed.push(contactId)
          }
        }
        await ctx.tx.insert(campaignTouchEntity, tenantId, rows)
        const membersChanged: CampaignMember[] = []
        const membersById = new Map([...members.values()].map((member) => [member.id, member]))
        for (const member of sortedIds(membersById.keys()).map((id) => membersById.get(id)!)) {
          const state = statusOf.get(member.id)
          if (!state || (state.status === member.status && state.respondedAt === member.respondedAt)) continue
          const written = await writeChanges(ctx, campaignMemberEntity, member, state)
          membersChanged.push(written as unknown as CampaignMember)
        }
        ctx.emit('campaign.touchesRecorded', { campaignId: cid, count: rows.length, byKind })
        return { recorded: rows.length, byKind, membersChanged, unsubscribed }
      })
    },
  }
}
