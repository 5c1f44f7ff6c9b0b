import type { FieldCatalog, FilterField } from './field-catalog'

/**
 * A catalog of a record's own fields plus the public fields of related records under a prefix:
 * `contact.email`, `contact.custom.tier`, `company.custom.segment`. The related record is read from the
 * property named by the prefix (`record.contact`), so the catalog is for the in-memory predicate only: its
 * related fields have no SQL column (and the catalog follows no `related` conditions).
 *
 * @example
 * ```ts
 * const catalog = relatedCatalog(cases, { contact: contacts, company: companies })
 * compilePredicate(resolveFilter({ field: 'contact.custom.tier', op: 'eq', value: 'gold' }, catalog))
 * ```
 */
export function relatedCatalog(
  base: FieldCatalog,
  related: Readonly<Record<string, FieldCatalog>>,
): FieldCatalog {
  const fields = new Map<string, FilterField>(base.fields)
  for (const [prefix, catalog] of Object.entries(related)) {
    for (const field of catalog.fields.values()) {
      const name = `${prefix}.${field.name}`
      fields.set(name, {
        ...field,
        name,
        property: prefix,
        column: '',
        path: [field.property, ...field.path],
      })
    }
  }
  // No relations: its related fields are read from the record in hand, never joined in SQL.
  return { entity: base.entity, fields, internalFields: base.internalFields, relations: new Map() }
}
