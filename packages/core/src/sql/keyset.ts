import { type RawBuilder, type SqlBool, sql } from 'kysely'
import type { FilterField } from '../filter/field-catalog'
import type { SortKey } from '../storage/storage-port'
import type { SqlDialect } from './sql-dialect'

const ID_FIELD: FilterField = { name: 'id', kind: 'string', property: 'id', column: 'id', path: [] }

/** The sort keys with the `id` tie-breaker appended. */
export function totalOrder(sort: readonly SortKey[]): SortKey[] {
  return [...sort, { field: ID_FIELD, direction: 'asc' }]
}

/**
 * `ORDER BY` terms: nulls sort as the largest value (last ascending, first descending). The id tie-breaker
 * is never null and is written as a plain `asc`, which SQLite can read from an index that ends in `id`; with
 * `nulls last` it sorts every row sharing the other keys in a temporary b-tree.
 */
export function orderByTerms(sort: readonly SortKey[], dialect: SqlDialect): RawBuilder<unknown> {
  return sql.join(
    totalOrder(sort).map((key) =>
      key.field === ID_FIELD
        ? sql`${dialect.fieldValue(key.field)} asc`
        : key.direction === 'asc'
          ? sql`${dialect.fieldValue(key.field)} asc nulls last`
          : sql`${dialect.fieldValue(key.field)} desc nulls first`,
    ),
  )
}

/**
 * Rows strictly after a keyset position in {@link orderByTerms} order. `after` holds one value per sort key,
 * then the id. Expands to `k1 > v1 OR (k1 = v1 AND k2 > v2) OR ...`, with each null case written out.
 */
export function afterPosition(
  sort: readonly SortKey[],
  after: readonly unknown[],
  dialect: SqlDialect,
): RawBuilder<SqlBool> {
  const keys = totalOrder(sort)
  const clauses: RawBuilder<SqlBool>[] = []
  const equalities: RawBuilder<SqlBool>[] = []
  keys.forEach((key, i) => {
    const expr = dialect.fieldValue(key.field)
    const raw = after[i]
    const value = raw === null || raw === undefined ? null : dialect.encode(key.field.kind, raw)
    let beyond: RawBuilder<SqlBool> | undefined
    if (key.field === ID_FIELD) beyond = sql<SqlBool>`${expr} > ${value}`
    else if (key.direction === 'asc')
      beyond = value === null ? undefined : sql<SqlBool>`(${expr} > ${value} or ${expr} is null)`
    else beyond = value === null ? sql<SqlBool>`${expr} is not null` : sql<SqlBool>`${expr} < ${value}`
    if (beyond) clauses.push(sql<SqlBool>`(${sql.join([...equalities, beyond], sql` and `)})`)
    equalities.push(value === null ? sql<SqlBool>`${expr} is null` : sql<SqlBool>`${expr} = ${value}`)
  })
  return clauses.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${sql.join(clauses, sql` or `)})`
}
