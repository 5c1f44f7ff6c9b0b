import type { z } from 'zod'
import { ConfigError } from '../errors/rapport-error'
import { isPrototypeKey } from '../kernel/json-value'
import type { FieldKind, ListElementKind } from './field'

/** A custom field found in an app's zod schema, with the kind the filter language gives it. */
export interface CustomFieldDescriptor {
  /** Path inside `custom`, e.g. `['address', 'city']`. */
  readonly path: readonly string[]
  readonly kind: FieldKind
  readonly values?: readonly string[]
  readonly elementKind?: ListElementKind
}

/**
 * Custom field names must be plain identifiers: they become JSON paths inside SQL. Names of
 * `Object.prototype` members (`constructor`, `toString`, `__proto__`, ...) are refused as well.
 */
export const CUSTOM_FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

type AnySchema = z.core.$ZodType

interface SchemaDef {
  readonly type: string
  readonly innerType?: AnySchema
  readonly element?: AnySchema
  readonly shape?: Record<string, AnySchema>
  readonly entries?: Record<string, string | number>
  readonly values?: readonly unknown[]
  readonly format?: string
  readonly catchall?: AnySchema
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly format?: string } } }[]
}

function defOf(schema: AnySchema): SchemaDef {
  return schema._zod.def as unknown as SchemaDef
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'])

function unwrap(schema: AnySchema): SchemaDef {
  let def = defOf(schema)
  while (WRAPPERS.has(def.type) && def.innerType) def = defOf(def.innerType)
  return def
}

function isDateTimeString(def: SchemaDef): boolean {
  if (def.format === 'datetime') return true
  return (def.checks ?? []).some((check) => check._zod.def.format === 'datetime')
}

function isDateString(def: SchemaDef): boolean {
  if (def.format === 'date') return true
  return (def.checks ?? []).some((check) => check._zod.def.format === 'date')
}

function scalarKind(def: SchemaDef): Pick<CustomFieldDescriptor, 'kind' | 'values'> | undefined {
  switch (def.type) {
    case 'string':
      return { kind: isDateTimeString(def) ? 'timestamp' : isDateString(def) ? 'date' : 'string' }
    case 'number':
    case 'int':
      return { kind: 'number' }
    case 'boolean':
      return { kind: 'boolean' }
    case 'enum': {
      const values = Object.values(def.entries ?? {})
      if (values.every((v) => typeof v === 'string')) return { kind: 'enum', values: values as string[] }
      if (values.every((v) => typeof v === 'number')) return { kind: 'number' }
      return undefined
    }
    case 'literal': {
      const values = def.values ?? []
      if (values.every((v) => typeof v === 'string')) return { kind: 'enum', values: values as string[] }
      if (values.every((v) => typeof v === 'number')) return { kind: 'number' }
      if (values.every((v) => typeof v === 'boolean')) return { kind: 'boolean' }
      return undefined
    }
    default:
      return undefined
  }
}

/**
 * Reads an app's custom-field zod object and lists the fields the filter language can address. Nested
 * objects become dotted paths; arrays of strings or numbers become `list` fields; anything else (unions,
 * records, transforms) can only be tested with `isSet` / `isNotSet`.
 *
 * @throws ConfigError when a key is not an identifier, names an `Object.prototype` member, or a field would
 * not survive JSON (`z.date()`).
 */
export function describeCustomFields(entity: string, schema: AnySchema): CustomFieldDescriptor[] {
  const root = unwrap(schema)
  if (root.type !== 'object' || !root.shape) {
    throw new ConfigError(`customFields.${entity} must be a z.object(...) schema`)
  }
  const out: CustomFieldDescriptor[] = []
  const walk = (shape: Record<string, AnySchema>, path: readonly string[]) => {
    for (const [key, child] of Object.entries(shape)) {
      const fieldPath = [...path, key]
      const where = `customFields.${entity}.${fieldPath.join('.')}`
      if (!CUSTOM_FIELD_NAME.test(key)) {
        throw new ConfigError(`${where}: custom field names must match ${CUSTOM_FIELD_NAME}`)
      }
      if (isPrototypeKey(key)) {
        throw new ConfigError(
          `${where}: "${key}" names a member of Object.prototype, which every object inherits; choose another name`,
        )
      }
      const def = unwrap(child)
      if (def.type === 'date') {
        throw new ConfigError(
          `${where}: z.date() does not survive JSON storage; use z.iso.datetime() and Rapport stores and filters it as a timestamp`,
        )
      }
      if (def.type === 'object' && def.shape) {
        out.push({ path: fieldPath, kind: 'json' })
        walk(def.shape, fieldPath)
        continue
      }
      const scalar = scalarKind(def)
      if (scalar) {
        out.push({ path: fieldPath, ...scalar })
        continue
      }
      if (def.type === 'array' && def.element) {
        const element = scalarKind(unwrap(def.element))
        const elementKind: ListElementKind | undefined =
          element?.kind === 'number'
            ? 'number'
            : element?.kind === 'string' || element?.kind === 'enum'
              ? 'string'
              : undefined
        out.push(
          elementKind ? { path: fieldPath, kind: 'list', elementKind } : { path: fieldPath, kind: 'json' },
        )
        continue
      }
      out.push({ path: fieldPath, kind: 'json' })
    }
  }
  walk(root.shape, [])
  return out
}

/**
 * Paths of keys in `input` that the schema does not declare, in objects that would silently strip them
 * (a plain `z.object`). Rapport refuses them instead, so no value a caller sends is dropped without a word;
 * an app that wants extra keys kept declares `z.looseObject(...)` or a `.catchall(...)`.
 */
export function findUndeclaredKeys(
  schema: AnySchema,
  input: unknown,
  path: readonly (string | number)[] = [],
): (string | number)[][] {
  const def = unwrap(schema)
  if (def.type !== 'object' || !def.shape || def.catchall !== undefined) return []
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return []
  const out: (string | number)[][] = []
  for (const [key, value] of Object.entries(input)) {
    // An own-property test: `shape.constructor` would find Object's constructor, not a declared field.
    const child = Object.hasOwn(def.shape, key) ? def.shape[key] : undefined
    if (!child || isPrototypeKey(key)) out.push([...path, key])
    else out.push(...findUndeclaredKeys(child, value, [...path, key]))
  }
  return out
}
