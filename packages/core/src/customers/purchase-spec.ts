import type { z } from 'zod'
import { purchaseEntity } from '../entities/purchase-entity'
import type { Purchase } from '../entities/records'
import { ValidationError } from '../errors/rapport-error'
import { patchedFields } from '../runtime/record-row'
import type { RecordSpec } from '../runtime/record-service'
import { PARTY_REFERENCES, requireReferences } from '../runtime/require-existing'
import type { ServiceDeps } from '../runtime/service-context'
import { purchaseCreateInput, purchaseUpdateInput } from './purchase-input'

type PurchaseCreateParsed = z.output<typeof purchaseCreateInput>
type PurchaseUpdateParsed = z.output<typeof purchaseUpdateInput>

/** Line items as stored: a missing unit price is null. */
function storedLineItems(lineItems: PurchaseCreateParsed['lineItems']) {
  return lineItems.map((l) => ({ ...l, unitAmountMinor: l.unitAmountMinor ?? null }))
}

function lineFacts(lineItems: readonly { sku: string; quantity: number }[]) {
  return {
    skus: [...new Set(lineItems.map((l) => l.sku))],
    quantity: lineItems.reduce((sum, l) => sum + l.quantity, 0),
  }
}

/** How purchases plug into the generic record service. */
export function purchaseSpec(
  deps: ServiceDeps,
): RecordSpec<Purchase, PurchaseCreateParsed, PurchaseUpdateParsed> {
  return {
    entity: purchaseEntity,
    catalog: deps.catalogs.purchase,
    custom: { entity: 'purchase', schema: undefined, descriptors: [] },
    createSchema: purchaseCreateInput,
    updateSchema: purchaseUpdateInput,
    defaultSort: [{ field: 'occurredAt', direction: 'desc' }],
    archivable: false,

    // The amount is stored as minor units and a currency; the line items also give the SKUs and quantity.
    computeFields(input) {
      const lineItems = storedLineItems(input.lineItems)
      return {
        amountMinor: input.amount.amountMinor,
        currency: input.amount.currency,
        lineItems,
        ...lineFacts(lineItems),
      }
    },

    async beforeInsert(ctx, drafts) {
      const rows = drafts.map((d) => d.row)
      await requireReferences(ctx, rows, PARTY_REFERENCES)
      return rows
    },

    patchChanges(current, patch) {
      const changes = patchedFields(patch, ['amount', 'lineItems'])
      if (patch.amount !== undefined) {
        if (patch.amount.currency !== current.currency) {
          throw new ValidationError(`A purchase keeps its currency (${String(current.currency)})`, [
            {
              code: 'custom',
              path: ['amount', 'currency'],
              message: `Expected ${String(current.currency)}`,
              input: patch.amount.currency,
            },
          ])
        }
        changes.amountMinor = patch.amount.amountMinor
      }
      if (patch.lineItems !== undefined) {
        const lineItems = storedLineItems(patch.lineItems)
        Object.assign(changes, { lineItems, ...lineFacts(lineItems) })
      }
      return changes
    },

    events: {
      created: (ctx, purchase) => ctx.emit('purchase.created', { purchase }),
      createdMany: (ctx, ids) => ctx.emit('purchase.createdMany', { purchaseIds: ids, count: ids.length }),
      updated: (ctx, purchase, changed) => ctx.emit('purchase.updated', { purchase, changedFields: changed }),
    },
  }
}
