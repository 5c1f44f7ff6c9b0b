import type { FilterField } from './field-catalog'

/**
 * The value of a field in a record, or null when it is missing or not of the field's kind: the same value
 * the SQL side sees (type-guarded extraction). Used for cursors.
 */
export function readFieldValue(record: object, field: FilterField): unknown {
  let value: unknown = (record as Record<string, unknown>)[field.property]
  for (const key of field.path) {
    value =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)[key]
        : undefined
  }
  switch (field.kind) {
    case 'string':
    case 'enum':
    case 'timestamp':
    case 'date':
      return typeof value === 'string' ? value : null
    case 'number':
    case 'integer':
      return typeof value === 'number' ? value : null
    case 'boolean':
      return typeof value === 'boolean' ? value : null
    case 'list':
      return Array.isArray(value) ? value : null
    case 'json':
      return value ?? null
  }
}
