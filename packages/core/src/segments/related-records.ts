import { propertyOfColumn } from '../entities/entity'
import type { FieldCatalog } from '../filter/field-catalog'
import type { ResolvedFilter } from '../filter/resolved-filter'
import { findAll } from '../runtime/find-all'
import type { StorageReader } from '../storage/storage-port'

/**
 * The related records of one record, by relation name, as the in-memory predicate reads them from its
 * context (`{ purchases: [...], rfm: [row] }`). Loads only the relations asked for.
 */
export async function loadRelatedRecords(
  reader: StorageReader,
  tenantId: string,
  catalog: FieldCatalog,
  relations: readonly string[],
  recordId: string,
  now: string,
): Promise<Record<string, object[]>> {
  const out: Record<string, object[]> = {}
  for (const name of relations) {
    const relation = catalog.relations.get(name)
    if (!relation) throw new Error(`${catalog.entity.name} has no relation ${name}`)
    const { def, target } = relation
    if (def.join.kind === 'foreignKey') {
      const field = target.fields.get(propertyOfColumn(def.target, def.join.column))!
      out[name] = await findAll(
        reader,
        def.target,
        tenantId,
        { kind: 'compare', field, op: 'eq', value: recordId },
        now,
      )
      continue
    }
    const join = def.join
    const link = join.link
    const linkCatalogField = (column: string) => {
      const property = propertyOfColumn(link, column)
      return { name: property, kind: 'string' as const, property, column, path: [] }
    }
    const items: ResolvedFilter[] = [
      { kind: 'compare', field: linkCatalogField(join.ownerColumn), op: 'eq', value: recordId },
    ]
    if (join.typeColumn && join.typeValue) {
      items.push({
        kind: 'compare',
        field: linkCatalogField(join.typeColumn),
        op: 'eq',
        value: join.typeValue,
      })
    }
    const links = await findAll(reader, link, tenantId, { kind: 'and', items }, now)
    const targetProperty = propertyOfColumn(link, join.targetColumn)
    const ids = [...new Set(links.map((l) => (l as Record<string, unknown>)[targetProperty] as string))]
    out[name] = await reader.getMany(def.target, tenantId, ids)
  }
  return out
}
