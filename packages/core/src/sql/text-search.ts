import type { EntityDescription } from '../entities/entity'
import { columnOf } from '../entities/field'
import type { TextSearchTarget } from './sql-dialect'
import type { TableNames } from './table-names'

/** The physical names of an entity's text index, or undefined when the entity has none. */
export function textSearchTarget(entity: EntityDescription, names: TableNames): TextSearchTarget | undefined {
  const search = entity.textSearch
  if (!search) return undefined
  const columns = search.fields.map((name) => {
    const def = entity.fields[name]
    if (!def) throw new Error(`${entity.name}: text search names the unknown field ${name}`)
    return columnOf(name, def)
  }) as [string, ...string[]]
  return { table: names.table(entity.table), indexName: names.index(search.name), columns }
}
