import type { z } from 'zod'
import { findTextProblem, printable } from '../kernel/text'
import { ValidationError } from './rapport-error'

/**
 * Parses `input` with `schema`, or throws a {@link ValidationError} that names what was being validated
 * and carries every zod issue. Text that no database stores faithfully (NUL, unpaired surrogates) is
 * refused anywhere in the input, keys included, before the schema runs.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const text = findTextProblem(input)
  if (text) {
    const where = text.path.length > 0 ? ` at ${printable(text.path.join('.'))}` : ''
    throw new ValidationError(`Invalid ${what}${where}: ${text.message}`, [
      { code: 'custom', path: text.path, message: text.message, input },
    ])
  }
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issues = result.error.issues
  const first = issues[0]
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : ''
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : ''
  throw new ValidationError(`Invalid ${what}${where}: ${first?.message ?? 'invalid input'}${more}`, issues, {
    cause: result.error,
  })
}
