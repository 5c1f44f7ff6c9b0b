import { attributeValidDeal } from '../domain/campaigns/attribute-deal'
import type { AttributionModel } from '../domain/campaigns/attribution-models'
import { campaignTouchEntity } from '../entities/campaign-entity'
import { dealContactEntity } from '../entities/deal-contact-entity'
import { dealEntity } from '../entities/deal-entity'
import type { Campaign } from '../entities/records'
import type { ResolvedFilter } from '../filter/resolved-filter'
import { chunks, findAll } from '../runtime/find-all'
import type { ServiceDeps } from '../runtime/service-context'

/** What attribution gives per campaign. */
export interface AttributedFigures {
  attributedRevenueMinor: number
  wonDeals: number
  pipelineInfluencedMinor: number
}

/** A deal's credit that could not be counted because the deal's currency is not the campaign's. */
export interface ForeignCurrencyCredit {
  readonly dealId: string
  readonly campaignId: string
  readonly amountMinor: number
  readonly currency: string
}

/** Which won deals count. */
export interface AttributionWindow {
  readonly model: AttributionModel
  readonly halfLifeDays: number
  readonly wonFrom?: string
  readonly wonTo?: string
}

interface TouchPoint {
  readonly campaignId: string
  readonly at: string
  readonly opportunityCreated: boolean
}

/**
 * Attributes won deals to campaigns and measures the pipeline they influenced, reading only what the
 * answer needs: the won deals in the window and the open deals, their contacts, and those contacts'
 * touches (every kind but `unsubscribed`). Each won deal is split by the pure `attributeDeal`, so the
 * amounts are whole minor units summing to the deal's amount; a campaign counts the deal as won when its
 * weight is above zero. Pipeline influenced: the full amount of every open or won deal a campaign touched
 * before the deal closed (open deals: at any time).
 */
export async function attributeToCampaigns(
  deps: ServiceDeps,
  tenantId: string,
  campaigns: readonly Campaign[],
  window: AttributionWindow,
  now: string,
): Promise<{ figures: Map<string, AttributedFigures>; foreignCurrency: ForeignCurrencyCredit[] }> {
  const reader = deps.adapter.reader
  const dealField = (name: string) => deps.catalogs.deal.fields.get(name)!
  const figures = new Map(
    campaigns.map((c) => [c.id, { attributedRevenueMinor: 0, wonDeals: 0, pipelineInfluencedMinor: 0 }]),
  )
  const currencyOf = new Map(campaigns.map((c) => [c.id, c.currency]))
  const foreignCurrency: ForeignCurrencyCredit[] = []

  const won: ResolvedFilter[] = [{ kind: 'compare', field: dealField('isWon'), op: 'eq', value: true }]
  if (window.wonFrom)
    won.push({ kind: 'compare', field: dealField('closedAt'), op: 'gte', value: window.wonFrom })
  if (window.wonTo) won.push({ kind: 'compare', field: dealField('closedAt'), op: 'lt', value: window.wonTo })
  const deals = await findAll(
    reader,
    dealEntity,
    tenantId,
    {
      kind: 'and',
      items: [
        // Archived deals are out of every report, as they are out of every list.
        { kind: 'present', field: dealField('archivedAt'), negate: true },
        {
          kind: 'or',
          items: [
            { kind: 'and', items: won },
            { kind: 'compare', field: dealField('isClosed'), op: 'eq', value: false },
          ],
        },
      ],
    },
    now,
  )
  if (deals.length === 0) return { figures, foreignCurrency }

  const contactsOfDeal = new Map<string, string[]>()
  const linkField = (name: string) => deps.catalogs.dealContact.fields.get(name)!
  for (const links of await findByChunks(
    deals.map((d) => d.id),
    (slice) =>
      reader.find(dealContactEntity, tenantId, {
        filter: { kind: 'member', field: linkField('dealId'), negate: false, values: slice },
        now,
      }),
  )) {
    for (const link of links) {
      const contacts = contactsOfDeal.get(link.dealId)
      if (contacts) contacts.push(link.contactId)
      else contactsOfDeal.set(link.dealId, [link.contactId])
    }
  }

  const touchesOfContact = new Map<string, TouchPoint[]>()
  const touchField = (name: string) => deps.catalogs.campaignTouch.fields.get(name)!
  const contactIds = [...new Set([...contactsOfDeal.values()].flat())]
  for (const touches of await findByChunks(contactIds, (slice) =>
    reader.find(campaignTouchEntity, tenantId, {
      filter: {
        kind: 'and',
        items: [
          { kind: 'member', field: touchField('contactId'), negate: false, values: slice },
          { kind: 'compare', field: touchField('kind'), op: 'neq', value: 'unsubscribed' },
        ],
      },
      now,
    }),
  )) {
    for (const touch of touches) {
      const list = touchesOfContact.get(touch.contactId) ?? []
      list.push({ campaignId: touch.campaignId, at: touch.at, opportunityCreated: touch.opportunityCreated })
      touchesOfContact.set(touch.contactId, list)
    }
  }

  for (const deal of deals) {
    const touches = (contactsOfDeal.get(deal.id) ?? []).flatMap((id) => touchesOfContact.get(id) ?? [])
    const amountMinor = deal.amountMinor ?? 0
    const cutoff = deal.isWon ? deal.closedAt : null
    const influencing = new Set(
      touches
        .filter((t) => cutoff === null || Date.parse(t.at) <= Date.parse(cutoff))
        .map((t) => t.campaignId),
    )
    for (const campaignId of influencing) {
      const f = figures.get(campaignId)
      if (f && currencyOf.get(campaignId) === deal.currency) f.pipelineInfluencedMinor += amountMinor
    }
    if (!deal.isWon || deal.closedAt === null) continue
    // Rows read back from storage are valid by construction; validating every touch again costs more than
    // the attribution itself.
    const attribution = attributeValidDeal({
      deal: {
        dealId: deal.id,
        amountMinor,
        currency: deal.currency,
        closedAt: deal.closedAt,
        primaryCampaignId: deal.primaryCampaignId,
      },
      touches,
      model: window.model,
      options: { halfLifeDays: window.halfLifeDays },
    })
    for (const credit of attribution.credits) {
      const f = figures.get(credit.campaignId)
      if (!f) continue
      if (currencyOf.get(credit.campaignId) !== deal.currency) {
        if (credit.amountMinor > 0) {
          foreignCurrency.push({
            dealId: deal.id,
            campaignId: credit.campaignId,
            amountMinor: credit.amountMinor,
            currency: deal.currency,
          })
        }
        continue
      }
      f.attributedRevenueMinor += credit.amountMinor
      if (credit.weight > 0) f.wonDeals += 1
    }
  }
  return { figures, foreignCurrency }
}

/**
 * One unpaged query per chunk of ids, so the database looks the rows up by the id column's index instead of
 * walking the primary key for a keyset page (which a `limit` invites), and results stay bounded by the
 * chunk size.
 */
async function findByChunks<T>(
  ids: readonly string[],
  find: (slice: string[]) => Promise<T[]>,
): Promise<T[][]> {
  const out: T[][] = []
  for (const slice of chunks(ids, 250)) out.push(await find(slice))
  return out
}
