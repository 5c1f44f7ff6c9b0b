import type { EntityDescription } from '../entities/entity'
import { columnOf, type FieldKind } from '../entities/field'
import type { StoredRow } from '../storage/storage-port'
import type { SqlDialect } from './sql-dialect'

/** One column of an entity's table with how to convert its values. */
export interface ColumnSpec {
  /** Record property (`firstName`), or `id` / `custom`. */
  readonly property: string
  /** SQL column (`first_name`). */
  readonly column: string
  readonly kind: FieldKind
  readonly nullable: boolean
  /** Computed from another property on write; never read back into records. */
  readonly derive?: { readonly from: string; readonly compute: (value: never) => unknown }
}

const cache = new WeakMap<EntityDescription, readonly ColumnSpec[]>()

/** The columns of an entity after `tenant_id`: id, every field, then `custom` when the entity has it. */
export function columnSpecs(entity: EntityDescription): readonly ColumnSpec[] {
  let specs = cache.get(entity)
  if (!specs) {
    const list: ColumnSpec[] = [{ property: 'id', column: 'id', kind: 'string', nullable: false }]
    for (const [name, def] of Object.entries(entity.fields)) {
      list.push({
        property: name,
        column: columnOf(name, def),
        kind: def.kind,
        nullable: def.nullable,
        ...(def.derive ? { derive: def.derive } : {}),
      })
    }
    if (entity.customFields)
      list.push({ property: 'custom', column: 'custom', kind: 'json', nullable: false })
    specs = list
    cache.set(entity, specs)
  }
  return specs
}

/**
 * Encodes a stored row into column values, parallel to `['tenant_id', ...columnSpecs]`. Pass `into` to fill
 * an array you reuse (bulk paths consume each row at once, so one array serves a whole batch).
 */
export function encodeRowValues(
  dialect: SqlDialect,
  entity: EntityDescription,
  tenantId: string,
  row: StoredRow,
  into?: unknown[],
) {
  const specs = columnSpecs(entity)
  const values: unknown[] = into ?? new Array(specs.length + 1)
  values[0] = tenantId
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!
    const value = spec.derive ? spec.derive.compute(row[spec.derive.from] as never) : row[spec.property]
    values[i + 1] = value === null || value === undefined ? null : dialect.encode(spec.kind, value)
  }
  return values
}

/** Encodes a partial change set into a column → value object. */
export function encodeChanges(
  dialect: SqlDialect,
  entity: EntityDescription,
  changes: Readonly<Record<string, unknown>>,
) {
  const out: Record<string, unknown> = {}
  for (const spec of columnSpecs(entity)) {
    const source = spec.derive ? spec.derive.from : spec.property
    if (!(source in changes)) continue
    const value = spec.derive ? spec.derive.compute(changes[source] as never) : changes[source]
    out[spec.column] = value === null || value === undefined ? null : dialect.encode(spec.kind, value)
  }
  return out
}

/** Decodes a database row into a stored row (derived columns stay in the database). */
export function decodeRow(
  dialect: SqlDialect,
  entity: EntityDescription,
  raw: Record<string, unknown>,
): StoredRow {
  const out: Record<string, unknown> = {}
  for (const spec of columnSpecs(entity)) {
    if (spec.derive) continue
    const value = raw[spec.column]
    out[spec.property] = value === null || value === undefined ? null : dialect.decode(spec.kind, value)
  }
  return out as StoredRow
}

/**
 * JSON text of a list or JSON field. Empty lists and objects (most tags, consents and custom fields of a
 * bulk import) skip the serializer.
 */
export function encodeJson(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : JSON.stringify(value)
  if (value !== null && typeof value === 'object') {
    for (const _ in value) return JSON.stringify(value)
    return '{}'
  }
  return JSON.stringify(value)
}
