/**
 * Expected revenue of a deal: `amountMinor × probability`, in whole minor units, or null when the amount is
 * not known.
 *
 * Rounding is half away from zero (commercial rounding: 28.5 cents → 29, −28.5 → −29), applied to the exact
 * product of the amount and the probability *as written in decimal*. So 100 × 0.285 is 28.5 and gives 29,
 * although the binary float product is 28.499999999999996. `amountMinor` must be an integer (it is money in
 * minor units); exact for any safe integer amount.
 *
 * @example
 * ```ts
 * expectedRevenueMinor(1_000_00, 0.35) // 35_00
 * expectedRevenueMinor(100, 0.285) // 29
 * expectedRevenueMinor(null, 0.5) // null
 * ```
 */
export function expectedRevenueMinor(amountMinor: number | null, probability: number): number | null {
  if (amountMinor === null) return null
  const { digits, scale } = decimalDigits(probability)
  if (digits.length <= 15 && scale <= 15) {
    const product = amountMinor * Number(digits)
    // Fast path: an integer product is exact while it stays a safe integer.
    if (Number.isSafeInteger(product)) return divideRoundingHalfAway(product, 10 ** scale)
  }
  return Number(divideRoundingHalfAwayBig(BigInt(amountMinor) * BigInt(digits), 10n ** BigInt(scale)))
}

// A probability as `digits / 10^scale`, from its shortest decimal form (what the user typed):
// 0.285 → '285' / 10^3, 1e-7 → '1' / 10^7.
function decimalDigits(probability: number): { digits: string; scale: number } {
  const [mantissa = '0', exponent = '0'] = String(probability).split('e')
  const [whole = '0', fraction = ''] = mantissa.split('.')
  const scale = fraction.length - Number(exponent)
  const digits = whole + fraction
  return scale >= 0 ? { digits, scale } : { digits: digits + '0'.repeat(-scale), scale: 0 }
}

function divideRoundingHalfAway(numerator: number, denominator: number): number {
  const remainder = numerator % denominator
  const quotient = (numerator - remainder) / denominator
  if (2 * Math.abs(remainder) >= denominator) return quotient + Math.sign(numerator)
  // `+ 0` turns a -0 (from a small negative amount) into 0.
  return quotient + 0
}

function divideRoundingHalfAwayBig(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator
  const remainder = numerator % denominator
  const twice = 2n * (remainder < 0n ? -remainder : remainder)
  if (twice >= denominator) return quotient + (numerator < 0n ? -1n : 1n)
  return quotient
}
