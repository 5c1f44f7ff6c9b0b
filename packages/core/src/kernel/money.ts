import { z } from 'zod'

/**
 * An amount of money: integer minor units (cents for EUR/USD, yen for JPY) and an ISO 4217 currency.
 * Never a float.
 *
 * @example `{ amountMinor: 129900, currency: 'EUR' }` is 1,299.00 EUR.
 */
export interface Money {
  /** Integer amount in the currency's minor unit. */
  readonly amountMinor: number
  /** ISO 4217 code, upper case. */
  readonly currency: string
}

/** Validates an ISO 4217 currency code (three upper-case letters). */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code like "EUR"')

/** Validates a {@link Money} value: a safe integer amount and a currency code. */
export const moneySchema = z.object({
  amountMinor: z.number().int().refine(Number.isSafeInteger, 'Amount is too large to be exact'),
  currency: currencySchema,
})
