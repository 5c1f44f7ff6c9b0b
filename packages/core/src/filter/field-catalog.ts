import type { CustomFieldDescriptor } from '../entities/custom-field-schema'
import type { EntityDescription } from '../entities/entity'
import { columnOf, type FieldKind, type ListElementKind } from '../entities/field'
import { RELATIONS, type RelationDef } from '../entities/relations'

/**
 * A field the filter language can address, resolved to where its value lives: a record property (and SQL
 * column), plus a path inside it when the property holds JSON.
 */
export interface FilterField {
  /** The name filters use: `email`, `custom.tier`, `consent.email.status`. */
  readonly name: string
  readonly kind: FieldKind
  /** Allowed values of an `enum` field. */
  readonly values?: readonly string[]
  /** Element kind of a `list` field. */
  readonly elementKind?: ListElementKind
  /** The record property that holds the value (or the JSON containing it). */
  readonly property: string
  /** The SQL column that holds the value (or the JSON containing it). */
  readonly column: string
  /** Path inside the JSON property; empty for a plain column. */
  readonly path: readonly string[]
  /**
   * The value lives in the single related row of this one-to-one relation (`rfm.recencyScore` reads the
   * contact's `rfm` row): SQL reads it with a correlated subquery, memory from the related records given.
   * Such fields filter but do not sort.
   */
  readonly via?: { readonly relation: string; readonly def: RelationDef }
}

/** A relation of an entity, with the catalog of the related records. */
export interface RelationRef {
  readonly name: string
  readonly def: RelationDef
  /** The related records' catalog (custom fields included). */
  readonly target: FieldCatalog
}

/** The fields one entity exposes to filters and sorting. */
export interface FieldCatalog {
  readonly entity: EntityDescription
  /** Public fields by name. */
  readonly fields: ReadonlyMap<string, FilterField>
  /** Internal fields (normalised addresses and the like), addressable only by services. */
  readonly internalFields: ReadonlyMap<string, FilterField>
  /** Relations filters can follow (`{ related: name, ... }`); filled by {@link linkCatalogs}. */
  readonly relations: ReadonlyMap<string, RelationRef>
}

/** Builds the catalog of an entity, with the custom fields the app declared for it. */
export function buildFieldCatalog(
  entity: EntityDescription,
  customFields: readonly CustomFieldDescriptor[] = [],
): FieldCatalog {
  const fields = new Map<string, FilterField>()
  const internalFields = new Map<string, FilterField>()
  const relations = new Map<string, RelationRef>()
  fields.set('id', { name: 'id', kind: 'string', property: 'id', column: 'id', path: [] })
  for (const [name, def] of Object.entries(entity.fields)) {
    const column = columnOf(name, def)
    const target = def.internal ? internalFields : fields
    if (def.filterable !== false) {
      target.set(name, {
        name,
        kind: def.kind,
        property: name,
        column,
        path: [],
        ...(def.values ? { values: def.values } : {}),
        ...(def.elementKind ? { elementKind: def.elementKind } : {}),
      })
    }
    for (const [subPath, sub] of Object.entries(def.jsonPaths ?? {})) {
      target.set(`${name}.${subPath}`, {
        name: `${name}.${subPath}`,
        kind: sub.kind,
        property: name,
        column,
        path: subPath.split('.'),
        ...(sub.values ? { values: sub.values } : {}),
        ...(sub.elementKind ? { elementKind: sub.elementKind } : {}),
      })
    }
  }
  if (entity.customFields) {
    for (const custom of customFields) {
      const name = ['custom', ...custom.path].join('.')
      fields.set(name, {
        name,
        kind: custom.kind,
        property: 'custom',
        column: 'custom',
        path: custom.path,
        ...(custom.values ? { values: custom.values } : {}),
        ...(custom.elementKind ? { elementKind: custom.elementKind } : {}),
      })
    }
  }
  return { entity, fields, internalFields, relations }
}

/**
 * Connects catalogs through the relations of their entities: each catalog learns its relations (with the
 * related entity's catalog) and, for one-to-one relations, fields like `rfm.recencyScore`.
 */
export function linkCatalogs(catalogs: readonly FieldCatalog[]): void {
  const byEntity = new Map(catalogs.map((c) => [c.entity.name, c]))
  for (const catalog of catalogs) {
    const relations = catalog.relations as Map<string, RelationRef>
    const fields = catalog.fields as Map<string, FilterField>
    for (const [name, def] of Object.entries(RELATIONS[catalog.entity.name] ?? {})) {
      const target = byEntity.get(def.target.name) ?? buildFieldCatalog(def.target)
      relations.set(name, { name, def, target })
      if (def.cardinality !== 'one') continue
      for (const field of target.fields.values()) {
        if (field.path.length > 0 || field.name === 'id') continue
        fields.set(`${name}.${field.name}`, {
          ...field,
          name: `${name}.${field.name}`,
          via: { relation: name, def },
        })
      }
    }
  }
}
