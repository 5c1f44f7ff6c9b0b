import { z } from 'zod'
import { validate } from '../errors/validate'

/**
 * The id of a record as a caller names it: a string of 1–200 characters (text checks apply, see
 * `validate`). Every API entry that takes an id parses it with this, so an object, an array or a number
 * is a validation error and never reaches the driver.
 */
export const recordIdInput = z.string().min(1, 'Expected a non-empty id').max(200)

/**
 * Parses an id given to an API entry.
 * @param what - names the id in the error message, e.g. `'deal id'`.
 * @throws ValidationError when `id` is not a string of 1–200 well-formed characters.
 */
export function parseRecordId(id: unknown, what = 'id'): string {
  return validate(recordIdInput, id, what)
}
