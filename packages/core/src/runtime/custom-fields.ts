import type { z } from 'zod'
import {
  type CustomFieldDescriptor,
  describeCustomFields,
  findUndeclaredKeys,
} from '../entities/custom-field-schema'
import { assertZod4Schema } from '../entities/zod-schema-check'
import { ValidationError } from '../errors/rapport-error'
import { jsonValueProblem } from '../kernel/json-value'
import { printable } from '../kernel/text'
import { timestampInput } from '../kernel/timestamps'

/** An entity's custom fields: the app's schema (if any) and what the filter language sees of it. */
export interface CustomFields {
  readonly entity: string
  readonly schema: z.ZodType | undefined
  readonly descriptors: readonly CustomFieldDescriptor[]
}

/** Reads an app's schema for one entity; without one, the entity takes no custom fields. */
export function customFieldsFor(entity: string, schema: z.ZodType | undefined): CustomFields {
  if (schema !== undefined) assertZod4Schema(entity, schema)
  return { entity, schema, descriptors: schema ? describeCustomFields(entity, schema) : [] }
}

function rewriteTimestamps(value: Record<string, unknown>, descriptors: readonly CustomFieldDescriptor[]) {
  for (const d of descriptors) {
    if (d.kind !== 'timestamp') continue
    let holder: unknown = value
    for (const key of d.path.slice(0, -1)) {
      holder =
        holder !== null && typeof holder === 'object' ? (holder as Record<string, unknown>)[key] : undefined
    }
    const last = d.path[d.path.length - 1]!
    if (holder !== null && typeof holder === 'object') {
      const record = holder as Record<string, unknown>
      const parsed = timestampInput.safeParse(record[last])
      if (parsed.success) record[last] = parsed.data
    }
  }
}

function refuseNonJson(entity: string, value: unknown, path: readonly (string | number)[]) {
  const problem = value === undefined ? undefined : jsonValueProblem(value)
  if (!problem) return
  const at = [...path, ...problem.path]
  throw new ValidationError(
    `Invalid custom fields of ${entity} at ${printable(at.join('.'))}: ${problem.message}`,
    [{ code: 'custom', path: at as PropertyKey[], message: problem.message, input: value }],
  )
}

/**
 * Validates custom field values with the app's schema. Values must be storable JSON, before and after the
 * schema (see {@link jsonValueProblem}): no NaN, bigint, cycle, `Date`, NUL or prototype-member key. Date-time strings are stored in canonical UTC form
 * so they compare correctly in SQL. `path` prefixes issue paths (e.g. `[3, 'custom']` in a batch).
 *
 * @throws ValidationError when the values do not fit the schema or are not storable JSON, or when the
 * entity has no schema and values were given.
 */
export function parseCustomFields(
  custom: CustomFields,
  input: unknown,
  path: readonly (string | number)[] = ['custom'],
): Record<string, unknown> {
  refuseNonJson(custom.entity, input, path)
  if (!custom.schema) {
    if (
      input === undefined ||
      (typeof input === 'object' && input !== null && Object.keys(input).length === 0)
    ) {
      return {}
    }
    throw new ValidationError(
      `No custom fields are declared for ${custom.entity}; declare them in createCrm({ customFields: { ${custom.entity}: z.object({...}) } })`,
      [{ code: 'custom', path: [...path] as PropertyKey[], message: 'No custom fields declared', input }],
    )
  }
  const undeclared = findUndeclaredKeys(custom.schema, input)
  if (undeclared.length > 0) {
    const names = undeclared.map((p) => p.join('.'))
    throw new ValidationError(
      `Unknown custom field${names.length > 1 ? 's' : ''} of ${custom.entity}: ${names.join(', ')} (declare them in the customFields schema)`,
      undeclared.map((p) => ({
        code: 'unrecognized_keys' as const,
        keys: [String(p[p.length - 1])],
        path: [...path, ...p.slice(0, -1)] as PropertyKey[],
        message: `Unknown custom field: ${p.join('.')}`,
        input: input as Record<string, unknown>,
      })),
    )
  }
  const result = custom.schema.safeParse(input ?? {})
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      ...issue,
      path: [...path, ...issue.path] as PropertyKey[],
    }))
    const first = issues[0]
    throw new ValidationError(
      `Invalid custom fields of ${custom.entity} at ${first?.path.join('.')}: ${first?.message}`,
      issues,
      { cause: result.error },
    )
  }
  // zod builds new objects for every z.object level, so the timestamps can be rewritten in place.
  const value = result.data as Record<string, unknown>
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(`Custom fields of ${custom.entity} must be an object`, [
      { code: 'custom', path: [...path] as PropertyKey[], message: 'Expected an object', input },
    ])
  }
  // A schema's transforms may produce what JSON cannot hold (a Date, a bigint): refuse it, never store null.
  refuseNonJson(custom.entity, value, path)
  rewriteTimestamps(value, custom.descriptors)
  return value
}
