import { z } from 'zod'
import { purchaseEntity } from '../entities/purchase-entity'
import type { RfmScore } from '../entities/records'
import { rfmEntity } from '../entities/rfm-entity'
import { validate } from '../errors/validate'
import type { ResolvedFilter } from '../filter/resolved-filter'
import { currencySchema } from '../kernel/money'
import { timestampInput } from '../kernel/timestamps'
import { runCommand, type ServiceDeps } from '../runtime/service-context'

const computeOptions = z
  .object({
    /** Only paid purchases in this currency count; monetary figures are in it. */
    currency: currencySchema,
    /** Purchases up to this instant count. @default now */
    asOf: timestampInput.optional(),
  })
  .strict()

/** Options of `rfm.compute`. */
export type RfmComputeOptions = z.input<typeof computeOptions>

/** RFM scores of one tenant's contacts. */
export function rfmService(deps: ServiceDeps, tenantId: string) {
  const purchase = (name: string) => deps.catalogs.purchase.fields.get(name)!
  return {
    /**
     * Recomputes every contact's RFM figures and 1–5 scores from paid purchases in one currency, in the
     * database (one grouped query with `ntile(5)` windows), and replaces the stored scores. Contacts
     * without paid purchases get no scores, so `rfm.*` fields are missing for them. Filters then use
     * `rfm.recencyScore`, `rfm.frequencyScore`, `rfm.monetaryScore` (see `RFM_GROUPS`).
     */
    async compute(
      options: RfmComputeOptions,
    ): Promise<{ readonly contacts: number; readonly computedAt: string }> {
      const opts = validate(computeOptions, options, 'RFM options')
      return runCommand(deps, tenantId, async (ctx) => {
        const asOf = opts.asOf ?? ctx.now
        const filter: ResolvedFilter = {
          kind: 'and',
          items: [
            { kind: 'compare', field: purchase('status'), op: 'eq', value: 'paid' },
            { kind: 'compare', field: purchase('currency'), op: 'eq', value: opts.currency },
            { kind: 'present', field: purchase('contactId'), negate: false },
            { kind: 'compare', field: purchase('occurredAt'), op: 'lte', value: asOf },
          ],
        }
        const rows = await ctx.tx.aggregate(purchaseEntity, tenantId, {
          filter,
          groupBy: [{ field: purchase('contactId') }],
          measures: [
            { name: 'last', fn: 'max', field: purchase('occurredAt') },
            { name: 'frequency', fn: 'count' },
            { name: 'monetary', fn: 'sum', field: purchase('amountMinor') },
          ],
          ranks: [
            { name: 'r', measure: 'last', buckets: 5 },
            { name: 'f', measure: 'frequency', buckets: 5 },
            { name: 'm', measure: 'monetary', buckets: 5 },
          ],
          now: ctx.now,
        })
        await ctx.tx.deleteWhere(rfmEntity, tenantId, { kind: 'and', items: [] })
        await ctx.tx.insert(
          rfmEntity,
          tenantId,
          rows.map((row) => {
            const contactId = row.keys[0] as string
            return {
              id: `${rfmEntity.idPrefix}_${contactId}`,
              contactId,
              currency: opts.currency,
              lastPurchaseAt: row.values.last as string,
              frequency: row.values.frequency as number,
              monetaryMinor: (row.values.monetary as number | null) ?? 0,
              recencyScore: row.values.r as number,
              frequencyScore: row.values.f as number,
              monetaryScore: row.values.m as number,
              computedAt: ctx.now,
            }
          }),
        )
        ctx.emit('rfm.computed', { currency: opts.currency, contacts: rows.length })
        return { contacts: rows.length, computedAt: ctx.now }
      })
    },

    /** A contact's stored RFM scores, or null when it has none. */
    async of(contactId: string): Promise<RfmScore | null> {
      const row = await deps.adapter.reader.get(rfmEntity, tenantId, `${rfmEntity.idPrefix}_${contactId}`)
      return row ?? null
    },
  }
}
