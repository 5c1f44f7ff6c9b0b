import { columnOf, type FieldDef, type FieldValue, field } from './field'

/** A secondary index on an entity's table. `tenant_id` is always its first column. */
export interface IndexDef {
  readonly name: string
  /** Columns after `tenant_id`, in order. */
  readonly columns: readonly string[]
  readonly unique?: boolean
  readonly since?: number
}

/**
 * A reference from this table to another entity's row in the same tenant: `(tenant_id, ...columns)` must
 * exist as `(tenant_id, id)` there. Tenancy is part of the key, so a row can never point across tenants.
 */
export interface ForeignKeyDef {
  readonly name: string
  /** Columns of this table (after `tenant_id`). */
  readonly columns: readonly [string]
  /** Logical table of the referenced entity. */
  readonly references: string
  readonly since?: number
}

/**
 * Full-text search over some text fields of an entity. Each SQL dialect keeps its own index of them (an FTS5
 * table on SQLite, an expression GIN index on Postgres); the first field weighs double in the ranking.
 */
export interface TextSearchDef {
  /** Logical name of the index (and of the FTS5 table on SQLite). */
  readonly name: string
  /** Text fields searched, most important first. */
  readonly fields: readonly [string, ...string[]]
  /** The migration that created the index; defaults to the entity's. */
  readonly since?: number
}

/**
 * The one description of a record type: its table, its fields (which feed the SQL columns, the filter
 * catalog and the record type) and its indexes. Every table also has `tenant_id` and `id`, which lead the
 * primary key.
 */
export interface EntityDescription<
  Name extends string = string,
  Fields extends Readonly<Record<string, FieldDef>> = Readonly<Record<string, FieldDef>>,
  Custom extends boolean = boolean,
> {
  readonly name: Name
  /** Logical table name; adapters may add a prefix or schema. */
  readonly table: string
  /** Prefix of generated ids. */
  readonly idPrefix: string
  /** Does the row carry a `version` for compare-and-set updates? */
  readonly versioned: boolean
  /** Does the row have a `custom` JSON column for app-declared custom fields? */
  readonly customFields: Custom
  readonly fields: Fields
  readonly indexes: readonly IndexDef[]
  readonly foreignKeys: readonly ForeignKeyDef[]
  /** Full-text search over text fields, when the entity offers it. */
  readonly textSearch?: TextSearchDef
  /** The migration that created the table. */
  readonly since: number
}

/** Fields every versioned record has. */
export const versionedSystemFields = {
  /** Incremented on every change; pass it back as `expectedVersion`. */
  version: field.requiredInteger(),
  /** When the record was created. */
  createdAt: field.requiredTimestamp(),
  /** When the record last changed. */
  updatedAt: field.requiredTimestamp(),
}

/** Declares an entity; fields named `id` and `custom` are reserved. */
export function defineEntity<
  const Name extends string,
  const Fields extends Readonly<Record<string, FieldDef>>,
  const Custom extends boolean,
>(
  description: Omit<EntityDescription<Name, Fields, Custom>, 'since' | 'indexes' | 'foreignKeys'> & {
    indexes?: readonly IndexDef[]
    foreignKeys?: readonly ForeignKeyDef[]
    since?: number
  },
): EntityDescription<Name, Fields, Custom> {
  for (const name of Object.keys(description.fields)) {
    if (name === 'id' || name === 'custom' || name === 'tenantId') {
      throw new Error(`Entity ${description.name}: the field name "${name}" is reserved`)
    }
  }
  return Object.freeze({ indexes: [], foreignKeys: [], since: 1, ...description })
}

/** The stored shape of an entity's row, as the storage port passes it: every field plus `id`. */
export type StoredRecord<E extends EntityDescription> = { id: string } & {
  -readonly [K in keyof E['fields']]: FieldValue<E['fields'][K]>
} & (E['customFields'] extends true ? { custom: Record<string, unknown> } : unknown)

/**
 * The public record of an entity: `id` and every field not marked internal, read-only. Custom fields are
 * added by the record types that have them.
 */
export type PublicRecord<E extends EntityDescription> = { readonly id: string } & {
  readonly [K in keyof E['fields'] as E['fields'][K] extends { readonly internal: true }
    ? never
    : K]: FieldValue<E['fields'][K]>
}

/** Every SQL column of an entity, in declaration order: tenant_id, id, fields, custom. */
export function columnsOf(entity: EntityDescription): string[] {
  const columns = ['tenant_id', 'id']
  for (const [name, def] of Object.entries(entity.fields)) columns.push(columnOf(name, def))
  if (entity.customFields) columns.push('custom')
  return columns
}

/** The field (record property) stored in a column of an entity; `id` for the id column. */
export function propertyOfColumn(entity: EntityDescription, column: string): string {
  if (column === 'id') return 'id'
  for (const [name, def] of Object.entries(entity.fields)) {
    if ((def.column ?? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)) === column) return name
  }
  throw new Error(`${entity.name} has no column ${column}`)
}
