import { campaignCostEntity } from '../entities/campaign-entity'
import type { CampaignCost } from '../entities/records'
import { ValidationError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import { findAll } from '../runtime/find-all'
import { runCommand, type ServiceDeps } from '../runtime/service-context'
import { type CampaignCostInput, campaignCostInput } from './campaign-input'
import { campaignIdInput, requireCampaign } from './campaign-lookup'

/** A campaign's cost ledger: entries in, actual cost out. */
export function campaignCosts(deps: ServiceDeps, tenantId: string) {
  const field = (name: string) => deps.catalogs.campaignCost.fields.get(name)!
  const ofCampaign = (id: string) =>
    ({ kind: 'compare', field: field('campaignId'), op: 'eq', value: id }) as const

  return {
    /**
     * Adds an entry to a campaign's ledger. The amount must be in the campaign's currency; a negative
     * amount (a refund, a correction) may not bring the ledger below zero.
     */
    async recordCost(id: string, input: CampaignCostInput): Promise<CampaignCost> {
      const cid = validate(campaignIdInput, id, 'campaign id')
      const entry = validate(campaignCostInput, input, 'campaign cost')
      return runCommand(deps, tenantId, async (ctx) => {
        const campaign = await requireCampaign(ctx.tx, tenantId, cid)
        if (entry.amount.currency !== campaign.currency) {
          const message = `Expected ${campaign.currency}, the campaign's currency`
          throw new ValidationError(`Invalid campaign cost: ${message}`, [
            { code: 'custom', path: ['amount', 'currency'], message, input: entry.amount.currency },
          ])
        }
        if (entry.amount.amountMinor < 0) {
          const [total] = await ctx.tx.aggregate(campaignCostEntity, tenantId, {
            filter: ofCampaign(cid),
            groupBy: [],
            measures: [{ name: 'sum', fn: 'sum', field: field('amountMinor') }],
            now: ctx.now,
          })
          const actual = Number(total?.values.sum ?? 0)
          if (actual + entry.amount.amountMinor < 0) {
            const message = `The ledger would fall below zero (actual cost ${actual})`
            throw new ValidationError(`Invalid campaign cost: ${message}`, [
              { code: 'custom', path: ['amount', 'amountMinor'], message, input: entry.amount.amountMinor },
            ])
          }
        }
        const cost = {
          id: deps.newId(campaignCostEntity.idPrefix),
          campaignId: cid,
          incurredOn: entry.date,
          amountMinor: entry.amount.amountMinor,
          currency: entry.amount.currency,
          category: entry.category,
          note: entry.note ?? null,
          createdAt: ctx.now,
        }
        await ctx.tx.insert(campaignCostEntity, tenantId, [cost])
        ctx.emit('campaign.costRecorded', { cost })
        return cost
      })
    },

    /** A campaign's ledger, oldest entry first. */
    async costs(id: string): Promise<CampaignCost[]> {
      const { id: cid } = await requireCampaign(deps.adapter.reader, tenantId, id)
      const now = deps.clock.now().toISOString()
      const rows = await findAll(
        deps.adapter.reader,
        campaignCostEntity,
        tenantId,
        ofCampaign(cid),
        now,
        field('incurredOn'),
      )
      return rows
    },
  }
}
