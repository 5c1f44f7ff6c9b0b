/**
 * The value kinds a stored field can have. The kind decides the SQL column type on each dialect, the
 * filter operators the field accepts and how values are compared.
 */
export const FIELD_KINDS = [
  'string',
  'enum',
  'number',
  'integer',
  'boolean',
  'timestamp',
  'date',
  'list',
  'json',
] as const

/** One of {@link FIELD_KINDS}. */
export type FieldKind = (typeof FIELD_KINDS)[number]

/** The element kind of a `list` field. */
export type ListElementKind = 'string' | 'number'

/** A scalar that a filter can compare: text, number or boolean (timestamps are ISO strings). */
export type FilterableKind = Exclude<FieldKind, 'json'>

/**
 * A field inside a JSON column that the filter language may address, e.g. `consent.email.status`.
 * Paths are relative to the JSON column's value.
 */
export interface JsonPathDef {
  readonly kind: FilterableKind
  readonly values?: readonly string[]
  readonly elementKind?: ListElementKind
}

/**
 * How one field of an entity is stored. `T` is the field's value type in records (phantom, for typing).
 */
export interface FieldDef<T = unknown> {
  readonly kind: FieldKind
  /** SQL column name; defaults to the field name in snake_case. */
  readonly column?: string
  /** May the stored value be null? */
  readonly nullable: boolean
  /** Allowed values of an `enum` field. */
  readonly values?: readonly string[]
  /** Element kind of a `list` field. */
  readonly elementKind?: ListElementKind
  /** Fields inside a `json` field that filters may address, keyed by dotted path. */
  readonly jsonPaths?: Readonly<Record<string, JsonPathDef>>
  /** Stored for Rapport's own use (lookups, dedupe), not part of the public record. */
  readonly internal?: boolean
  /**
   * An internal column computed from another field whenever that field is written (a normalised email
   * from the email). Records never carry it; the row codec writes it.
   */
  readonly derive?: { readonly from: string; readonly compute: (value: never) => unknown }
  /** Can filters address this field? Default true for every kind but `json`. */
  readonly filterable?: boolean
  /** The migration that added the column; migrations create columns by this number. */
  readonly since: number
  /** Phantom member carrying the value type; never set at run time. */
  readonly __value?: T
}

interface FieldOptions {
  readonly column?: string
  /** Use `field.internalString()` instead, so the type knows the field is internal. */
  readonly internal?: boolean
  readonly filterable?: boolean
  readonly since?: number
}

function make<T>(
  kind: FieldKind,
  nullable: boolean,
  options: FieldOptions,
  extra: Omit<Partial<FieldDef>, '__value' | 'derive'> = {},
) {
  const def = { kind, nullable, since: options.since ?? 1, ...extra }
  return Object.freeze({
    ...def,
    ...(options.column ? { column: options.column } : {}),
    ...(options.internal ? { internal: true } : {}),
    ...(options.filterable === undefined ? {} : { filterable: options.filterable }),
  }) as FieldDef<T>
}

/** Field builders. `required` variants are never null. */
export const field = {
  string: (o: FieldOptions = {}) => make<string | null>('string', true, o),
  /** A text column for Rapport's own use, left out of public records. */
  /**
   * A text column for Rapport's own use, left out of public records, computed from another field on every
   * write of that field.
   */
  derivedString: <T>(from: string, compute: (value: T | null) => string | null) =>
    ({
      ...make<string | null>('string', true, { internal: true }),
      derive: { from, compute },
    }) as FieldDef<string | null> & { readonly internal: true },
  requiredString: (o: FieldOptions = {}) => make<string>('string', false, o),
  enum: <const V extends readonly string[]>(values: V, o: FieldOptions = {}) =>
    make<V[number] | null>('enum', true, o, { values }),
  requiredEnum: <const V extends readonly string[]>(values: V, o: FieldOptions = {}) =>
    make<V[number]>('enum', false, o, { values }),
  number: (o: FieldOptions = {}) => make<number | null>('number', true, o),
  integer: (o: FieldOptions = {}) => make<number | null>('integer', true, o),
  requiredNumber: (o: FieldOptions = {}) => make<number>('number', false, o),
  requiredInteger: (o: FieldOptions = {}) => make<number>('integer', false, o),
  boolean: (o: FieldOptions = {}) => make<boolean>('boolean', false, o),
  timestamp: (o: FieldOptions = {}) => make<string | null>('timestamp', true, o),
  requiredTimestamp: (o: FieldOptions = {}) => make<string>('timestamp', false, o),
  /** A calendar date, `YYYY-MM-DD`, with no time zone (a close date, a birthday). */
  date: (o: FieldOptions = {}) => make<string | null>('date', true, o),
  stringList: (o: FieldOptions = {}) => make<string[]>('list', false, o, { elementKind: 'string' }),
  json: <T>(o: FieldOptions & { jsonPaths?: Record<string, JsonPathDef> } = {}) =>
    make<T>('json', true, o, o.jsonPaths ? { jsonPaths: o.jsonPaths } : {}),
  requiredJson: <T>(o: FieldOptions & { jsonPaths?: Record<string, JsonPathDef> } = {}) =>
    make<T>('json', false, o, o.jsonPaths ? { jsonPaths: o.jsonPaths } : {}),
}

/** The value type a field definition stores. */
export type FieldValue<F> = F extends FieldDef<infer T> ? T : never

/** `firstName` → `first_name`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}

/** The SQL column of a field. */
export function columnOf(name: string, def: FieldDef): string {
  return def.column ?? snakeCase(name)
}
