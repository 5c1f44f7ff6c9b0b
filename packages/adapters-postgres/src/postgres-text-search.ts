import type { SqlTextSearch, TextSearchTarget } from '@rapport/core/sql'
import { type RawBuilder, sql } from 'kysely'

const CONFIG = sql.raw(`'english'::regconfig`)
const WEIGHTS = ['A', 'B', 'C', 'D'] as const

/**
 * The searched document: each column's English tsvector, the first weighted A, the next B (then C, D). The
 * index and the query must spell it identically for the planner to use the index.
 */
function documentOf(target: TextSearchTarget): RawBuilder<unknown> {
  const parts = target.columns.map(
    (column, i) =>
      sql`setweight(to_tsvector(${CONFIG}, coalesce(${sql.ref(column)}, '')), ${sql.lit(WEIGHTS[Math.min(i, 3)]!)})`,
  )
  return sql`(${sql.join(parts, sql` || `)})`
}

/**
 * Postgres full-text search: an expression GIN index over the English tsvector of the searched columns
 * (no side table, so nothing to keep in step), queried with `websearch_to_tsquery` and ranked by
 * `ts_rank`.
 */
export function postgresTextSearch(): SqlTextSearch {
  return {
    async createIndex(db, target: TextSearchTarget) {
      await sql`create index ${sql.id(target.indexName)} on ${sql.table(target.table)} using gin (${documentOf(target)})`.execute(
        db,
      )
    },

    async dropIndex(db, target: TextSearchTarget) {
      const schema = target.table.includes('.') ? target.table.split('.')[0]! : undefined
      const name = schema ? sql`${sql.id(schema)}.${sql.id(target.indexName)}` : sql.id(target.indexName)
      await sql`drop index if exists ${name}`.execute(db)
    },

    async search(executor, target, statement) {
      const document = documentOf(target)
      // websearch syntax: the words joined by "or" match any of them; it never fails to parse.
      const query = sql`websearch_to_tsquery(${CONFIG}, ${statement.terms.join(' or ')})`
      const table = sql.table(target.table)
      const result = await sql<
        Record<string, unknown>
      >`select ${table}.*, ts_rank(${document}, ${sql.ref('q.query')}) as ${sql.ref('rapport_rank')} from ${table}, ${query} as ${sql.ref('q')}(${sql.ref('query')}) where ${sql.ref('tenant_id')} = ${statement.tenantId} and ${document} @@ ${sql.ref('q.query')} and ${statement.where} order by ${sql.ref('rapport_rank')} desc, ${sql.ref('id')} limit ${statement.limit}`.execute(
        executor,
      )
      return result.rows.map((row) => ({ row, rank: Number(row.rapport_rank) }))
    },
  }
}
