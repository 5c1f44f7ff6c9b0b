import { z } from 'zod'
import { PURCHASE_STATUSES, purchaseEntity } from '../entities/purchase-entity'
import { moneySchema } from '../kernel/money'
import { timestampInput } from '../kernel/timestamps'
import { recordInputs } from '../runtime/record-input'

const lineItem = z
  .object({
    sku: z.string().trim().min(1).max(100),
    quantity: z.number().int().min(1).max(1_000_000),
    unitAmountMinor: z.number().int().min(0).nullish(),
  })
  .strict()

/**
 * How purchases are recorded and corrected: one input rule per purchase field the app gives, plus the
 * amount, stored as minor units and a currency. Who bought and the order id are fixed once recorded.
 */
const purchaseInputs = recordInputs(
  purchaseEntity,
  {
    contactId: z.string().min(1).max(100).nullish(),
    companyId: z.string().min(1).max(100).nullish(),
    /** The app's own order id; unique in the tenant. */
    externalId: z.string().trim().min(1).max(200).nullish(),
    amount: moneySchema.refine((m) => m.amountMinor >= 0, 'An amount cannot be negative'),
    status: z.enum(PURCHASE_STATUSES).default('paid'),
    occurredAt: timestampInput,
    lineItems: z.array(lineItem).max(1000).default([]),
  },
  {
    computed: ['amountMinor', 'currency', 'skus', 'quantity'],
    createOnly: ['contactId', 'companyId', 'externalId'],
  },
)

/** An order as the app's shop or accounting system reports it. */
export const purchaseCreateInput = purchaseInputs.create.refine(
  (p) => p.contactId != null || p.companyId != null,
  { message: 'A purchase belongs to a contact, a company or both', path: ['contactId'] },
)

/** What `purchases.update` may change (a refund, a correction). */
export const purchaseUpdateInput = purchaseInputs.update

/** What a caller passes to `purchases.create`. */
export type PurchaseCreateInput = z.input<typeof purchaseCreateInput>
/** What a caller passes to `purchases.update`. */
export type PurchaseUpdateInput = z.input<typeof purchaseUpdateInput>
