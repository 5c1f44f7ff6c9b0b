import { z } from 'zod'
import { timestampInput } from '../kernel/timestamps'

// Each schema below is one string check plus one transform: a chain of .trim().max().transform() costs
// several times more per value, which shows on bulk imports of a hundred thousand records.

function tooLong(ctx: z.core.$RefinementCtx<string>, value: string, max: number) {
  ctx.addIssue({
    code: 'too_big',
    origin: 'string',
    maximum: max,
    inclusive: true,
    input: value,
    message: `At most ${max} characters`,
  })
}

/** What is wrong with a trimmed text beyond its length, as the issue to report; undefined when nothing. */
type TextCheck = (trimmed: string, value: string) => z.core.$ZodRawIssue | undefined

/**
 * Optional text: trimmed, at most `max` characters, then `check`ed; an empty string is stored as null.
 * Every failure is one issue on the value.
 */
function checkedText(max: number, check?: TextCheck) {
  return z
    .string()
    .transform((value, ctx) => {
      const trimmed = value.trim()
      if (trimmed === '') return null
      if (trimmed.length > max) {
        tooLong(ctx, value, max)
        return z.NEVER
      }
      const issue = check?.(trimmed, value)
      if (issue) {
        ctx.addIssue(issue)
        return z.NEVER
      }
      return trimmed
    })
    .nullish()
}

/** Optional text: trimmed, at most `max` characters; an empty string is stored as null. */
export function optionalText(max: number) {
  return checkedText(max)
}

/** Free labels: trimmed, non-empty, de-duplicated, at most 100 of at most 100 characters each. */
export const tagsInput = z
  .array(z.string())
  .max(100)
  .transform((tags, ctx) => {
    const out = new Set<string>()
    tags.forEach((tag, i) => {
      const trimmed = tag.trim()
      if (trimmed === '' || trimmed.length > 100) {
        ctx.addIssue({ code: 'custom', path: [i], input: tag, message: 'A tag needs 1-100 characters' })
      }
      out.add(trimmed)
    })
    return [...out]
  })

const COUNTRY = /^[A-Za-z]{2}$/

/** An ISO 3166-1 alpha-2 country code, upper-cased. */
export const countryInput = z
  .string()
  .transform((value, ctx) => {
    const trimmed = value.trim()
    if (!COUNTRY.test(trimmed)) {
      ctx.addIssue({
        code: 'custom',
        input: value,
        message: 'Expected an ISO 3166-1 alpha-2 country code like "DE"',
      })
      return z.NEVER
    }
    return trimmed.toUpperCase()
  })
  .nullish()

const PHONE = /^\+?[0-9 ()./-]*$/

/** A phone number as people write it: digits with spaces, `+`, `-`, `.`, `/`, parentheses. */
export const phoneInput = checkedText(50, (trimmed, value) => {
  if (!PHONE.test(trimmed)) {
    return {
      code: 'custom',
      input: value,
      message: 'Expected a phone number of digits, spaces and + ( ) - . /',
    }
  }
  if (trimmed.replace(/\D/g, '').length < 3) {
    return { code: 'custom', input: value, message: 'Expected at least 3 digits' }
  }
  return undefined
})

/** An email address (trimmed), checked with zod's own email pattern. */
export const emailInput = checkedText(254, (trimmed, value) =>
  z.regexes.email.test(trimmed)
    ? undefined
    : { code: 'invalid_format', format: 'email', input: value, message: 'Invalid email address' },
)

/** An instant, optional. */
export const optionalTimestamp = timestampInput.nullish()

/** Options of commands that change a record: the version the caller read. */
export const expectedVersionInput = z.object({
  expectedVersion: z.number().int().min(1),
})

/** Options of commands where naming the version read is optional. */
export const optionalVersionInput = z
  .object({
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict()

/**
 * A patch of custom field values as given: a plain object, passed on by reference. A `z.record` would
 * copy it by assignment and silently lose a `__proto__` key; the app's schema and the JSON check in
 * `parseCustomFields` judge the values.
 */
export const customPatchInput = z.custom<Record<string, unknown>>(
  (value) =>
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value)),
  'Expected an object of custom field values',
)
