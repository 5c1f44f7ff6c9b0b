import { z } from 'zod'
import { validate } from '../../errors/validate'

const allocationSchema = z.object({
  totalMinor: z.number().int().nonnegative().refine(Number.isSafeInteger, 'Total is too large to be exact'),
  weights: z
    .array(z.number().nonnegative())
    .min(1)
    .refine((weights) => weights.some((weight) => weight > 0), 'Expected at least one weight above zero'),
})

/**
 * Splits `totalMinor` into whole units in proportion to `weights`, by the largest-remainder (Hamilton)
 * method: each part gets the floor of its exact share, and the units left over go one each to the parts
 * with the largest remainders. The parts always sum exactly to the total, and no part is more than one
 * unit away from its exact share.
 *
 * Ties: equal remainders go to the part listed first.
 *
 * The arithmetic is exact: every weight (a double) is a binary fraction, so the shares and remainders are
 * computed with big integers on exactly the weights given. No floating-point error ever decides who gets a
 * unit, and the result does not depend on how large the total is.
 *
 * @param totalMinor - a non-negative safe integer
 * @param weights - non-negative finite numbers, at least one above zero; they need not sum to 1
 * @throws ValidationError when the total or the weights are not as described
 *
 * @example
 * ```ts
 * allocateByLargestRemainder(100, [1, 1, 1]) // [34, 33, 33]: 33⅓ each, the first part takes the spare unit
 * allocateByLargestRemainder(10, [0.5, 0.25, 0.25]) // [5, 3, 2]: shares 5, 2.5, 2.5; the tie goes first
 * ```
 */
export function allocateByLargestRemainder(totalMinor: number, weights: readonly number[]): number[] {
  validate(allocationSchema, { totalMinor, weights }, 'largest-remainder allocation')
  const scaled = toCommonIntegerScale(weights)
  const weightSum = scaled.reduce((sum, weight) => sum + weight, 0n)
  const total = BigInt(totalMinor)
  const parts = scaled.map((weight, index) => {
    const product = total * weight
    return { index, units: product / weightSum, remainder: product % weightSum }
  })
  // The leftover equals the sum of the fractional parts, so it is smaller than the number of parts with a
  // remainder: only those are ever rounded up.
  let leftover = total - parts.reduce((sum, part) => sum + part.units, 0n)
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  )
  const roundedUp = new Set<number>()
  for (const part of byRemainder) {
    if (leftover === 0n) break
    roundedUp.add(part.index)
    leftover -= 1n
  }
  return parts.map((part) => Number(part.units) + (roundedUp.has(part.index) ? 1 : 0))
}

/**
 * The weights as big integers over one common power-of-two denominator, so that their ratios are exactly
 * those of the doubles given.
 */
function toCommonIntegerScale(weights: readonly number[]): bigint[] {
  const binary = weights.map(toBinaryFraction)
  const lowest = binary.reduce(
    (min, fraction) => (fraction.mantissa > 0n ? Math.min(min, fraction.exponent) : min),
    Number.POSITIVE_INFINITY,
  )
  return binary.map(({ mantissa, exponent }) =>
    mantissa === 0n ? 0n : mantissa << BigInt(exponent - lowest),
  )
}

/** Splits a finite non-negative double into `mantissa × 2^exponent` with an integer mantissa. */
function toBinaryFraction(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, value)
  const bits = view.getBigUint64(0)
  const biasedExponent = Number((bits >> 52n) & 0x7ffn)
  const fraction = bits & 0xf_ffff_ffff_ffffn
  // A biased exponent of zero marks a subnormal number, which has no implicit leading one.
  return biasedExponent === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | (1n << 52n), exponent: biasedExponent - 1075 }
}
