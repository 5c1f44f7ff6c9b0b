import { type RawBuilder, sql } from 'kysely'
import type { GroupTerm, MeasureTerm, TimeBucket } from '../storage/storage-port'
import type { SqlDialect } from './sql-dialect'

// Calendar buckets cut from canonical ISO text: the same SQL on SQLite and Postgres.
function bucketOf(text: RawBuilder<unknown>, bucket: TimeBucket): RawBuilder<string> {
  switch (bucket) {
    case 'day':
      return sql<string>`substr(${text}, 1, 10)`
    case 'month':
      return sql<string>`substr(${text}, 1, 7)`
    case 'year':
      return sql<string>`substr(${text}, 1, 4)`
    case 'quarter':
      return sql<string>`(substr(${text}, 1, 4) || '-Q' || cast((cast(substr(${text}, 6, 2) as integer) + 2) / 3 as text))`
  }
}

/** SQL for one grouping key. */
export function groupExpression(term: GroupTerm, dialect: SqlDialect): RawBuilder<unknown> {
  const value = dialect.fieldValue(term.field)
  if (!term.bucket) return value
  if (term.field.kind !== 'date' && term.field.kind !== 'timestamp') {
    throw new Error(`Field ${term.field.name} is not a date or timestamp and cannot be bucketed`)
  }
  return bucketOf(term.field.kind === 'timestamp' ? dialect.instantAsText(value) : value, term.bucket)
}

/** SQL for one measure. */
export function measureExpression(term: MeasureTerm, dialect: SqlDialect): RawBuilder<unknown> {
  if (term.fn === 'count') return sql`count(*)`
  const value = dialect.fieldValue(term.field)
  return sql`${sql.raw(term.fn)}(${value})`
}
