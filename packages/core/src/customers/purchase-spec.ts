import type { z } from 'zod'
import { companyEntity } from '../entities/company-entity'
import { contactEntity } from '../entities/contact-entity'
import { purchaseEntity } from '../entities/purchase-entity'
import type { Purchase } from '../entities/records'
import { NotFoundError, ValidationError } from '../errors/rapport-error'
import type { RecordSpec } from '../runtime/record-service'
import type { CommandContext, ServiceDeps } from '../runtime/service-context'
import type { StoredRow } from '../storage/storage-port'
import { purchaseCreateInput, purchaseUpdateInput } from './purchase-input'

type PurchaseCreateParsed = z.output<typeof purchaseCreateInput>
type PurchaseUpdateParsed = z.output<typeof purchaseUpdateInput>

function lineFacts(lineItems: readonly { sku: string; quantity: number }[]) {
  return {
    skus: [...new Set(lineItems.map((l) => l.sku))],
    quantity: lineItems.reduce((sum, l) => sum + l.quantity, 0),
  }
}

async function requireExisting(
  ctx: CommandContext,
  ids: readonly string[],
  entity: typeof contactEntity | typeof companyEntity,
) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return
  const found = new Set((await ctx.tx.getMany(entity, ctx.tenantId, unique)).map((r) => r.id))
  const missing = unique.find((id) => !found.has(id))
  if (missing !== undefined) throw new NotFoundError(entity.name, missing)
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

    buildRow(input, _custom, { id, now }) {
      const lineItems = input.lineItems.map((l) => ({ ...l, unitAmountMinor: l.unitAmountMinor ?? null }))
      return {
        id,
        version: 1,
        createdAt: now,
        updatedAt: now,
        contactId: input.contactId ?? null,
        companyId: input.companyId ?? null,
        externalId: input.externalId ?? null,
        amountMinor: input.amount.amountMinor,
        currency: input.amount.currency,
        status: input.status,
        occurredAt: input.occurredAt,
        lineItems,
        ...lineFacts(lineItems),
      }
    },

    async beforeInsert(ctx, drafts) {
      await requireExisting(
        ctx,
        drafts.flatMap((d) => (d.row.contactId ? [d.row.contactId as string] : [])),
        contactEntity,
      )
      await requireExisting(
        ctx,
        drafts.flatMap((d) => (d.row.companyId ? [d.row.companyId as string] : [])),
        companyEntity,
      )
      return drafts.map((d) => d.row)
    },

    patchChanges(current, patch) {
      const changes: Record<string, unknown> = {}
      if (patch.status !== undefined) changes.status = patch.status
      if (patch.occurredAt !== undefined) changes.occurredAt = patch.occurredAt
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
        const lineItems = patch.lineItems.map((l) => ({ ...l, unitAmountMinor: l.unitAmountMinor ?? null }))
        Object.assign(changes, { lineItems, ...lineFacts(lineItems) })
      }
      return changes
    },

    present: (row: StoredRow) => row as unknown as Purchase,

    events: {
      created: (ctx, purchase) => ctx.emit('purchase.created', { purchase }),
      createdMany: (ctx, ids) => ctx.emit('purchase.createdMany', { purchaseIds: ids, count: ids.length }),
      updated: (ctx, purchase, changed) => ctx.emit('purchase.updated', { purchase, changedFields: changed }),
    },
  }
}
