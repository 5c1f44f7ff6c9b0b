import type { BulkInsert, SqlDialect } from '@rapport/core/sql'
import { encodeJson } from '@rapport/core/sql'
import type { FieldKind, FilterField, ListElementKind } from '@rapport/core/storage'
import type { Database } from 'better-sqlite3'
import { type RawBuilder, type SqlBool, sql } from 'kysely'
import { classifySqliteFailure } from './sqlite-failures'
import { sqliteTextSearch } from './sqlite-text-search'

const COLUMN_TYPES: Record<FieldKind, string> = {
  string: 'text',
  enum: 'text',
  number: 'real',
  integer: 'integer',
  boolean: 'integer',
  timestamp: 'text',
  date: 'text',
  list: 'text',
  json: 'text',
}

const JSON_TYPES: Partial<Record<FieldKind, string>> = {
  string: `= 'text'`,
  enum: `= 'text'`,
  timestamp: `= 'text'`,
  date: `= 'text'`,
  number: `in ('integer', 'real')`,
  integer: `in ('integer', 'real')`,
  boolean: `in ('true', 'false')`,
  list: `= 'array'`,
}

/** A statement run outside kysely, reported so query logs see every statement. */
export type RawQueryListener = (query: { sql: string; parameters: readonly unknown[] }) => void

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`
}

/**
 * SQLite's quirks for the shared SQL store: booleans as 0/1, timestamps as canonical ISO text (which sorts
 * in time order), JSON as text read with `json_extract`, bulk inserts through one prepared statement, and
 * full-text search with FTS5.
 */
export function sqliteDialect(database: Database, onRawQuery?: RawQueryListener): SqlDialect {
  const statements = new Map<string, ReturnType<Database['prepare']>>()

  return {
    name: 'sqlite',
    concurrentTransactions: false,
    maxParameters: 32_766,
    supportsTransactionalDdl: false,
    textSearch: sqliteTextSearch(),

    columnType: (kind) => sql.raw(COLUMN_TYPES[kind]),

    encode(kind, value) {
      if (kind === 'boolean') return value ? 1 : 0
      if (kind === 'json' || kind === 'list') return encodeJson(value)
      return value
    },

    decode(kind, value) {
      if (kind === 'boolean') return value === 1 || value === 1n || value === true
      if (kind === 'json' || kind === 'list') return typeof value === 'string' ? JSON.parse(value) : value
      if ((kind === 'integer' || kind === 'number') && typeof value === 'bigint') return Number(value)
      return value
    },

    fieldValue(field: FilterField, table?: string): RawBuilder<unknown> {
      const column = sql.ref(table ? `${table}.${field.column}` : field.column)
      if (field.path.length === 0) return column
      const path = sql.lit(`$.${field.path.join('.')}`)
      if (field.kind === 'json') return sql`nullif(json_type(${column}, ${path}), 'null')`
      const test = JSON_TYPES[field.kind]!
      return sql`(case when json_type(${column}, ${path}) ${sql.raw(test)} then json_extract(${column}, ${path}) end)`
    },

    // The list travels as one JSON text parameter, so no filter comes near SQLite's limit on bound
    // variables. json_each's value has no affinity: the column's affinity applies, so text compares with
    // text (BINARY, code point order) and numbers with numbers.
    inList: (value, values) =>
      sql<SqlBool>`(${value} in (select lv.value from json_each(${JSON.stringify(values)}) as lv))`,

    listHasAny(list, values, elementKind: ListElementKind): RawBuilder<SqlBool> {
      const types = elementKind === 'number' ? `('integer', 'real')` : `('text')`
      return sql<SqlBool>`exists (select 1 from json_each(${list}) as je where je.type in ${sql.raw(types)} and je.value in (select lv.value from json_each(${JSON.stringify(values)}) as lv))`
    },

    listIsNonEmpty: (list) => sql<SqlBool>`(coalesce(json_array_length(${list}), 0) > 0)`,

    likeAsciiInsensitive: (value, pattern) => sql<SqlBool>`${value} like ${pattern} escape '\\'`,

    // Instants are stored as canonical ISO text already.
    instantAsText: (value) => sql<string>`${value}`,

    isUniqueViolation(error) {
      const code = (error as { code?: unknown } | null)?.code
      return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
    },

    classifyFailure: classifySqliteFailure,

    // better-sqlite3 is synchronous and kysely holds its single connection for the whole transaction, so a
    // prepared statement run here is inside that transaction. One statement per row beats one huge
    // multi-row INSERT that kysely must compile.
    async bulkInsert(_executor, insert: BulkInsert) {
      if (!database.inTransaction) throw new Error('bulkInsert must run inside a transaction')
      const text = `insert into ${insert.table.split('.').map(quote).join('.')} (${insert.columns.map(quote).join(', ')}) values (${insert.columns.map(() => '?').join(', ')})`
      let statement = statements.get(text)
      if (!statement) {
        statement = database.prepare(text)
        statements.set(text, statement)
      }
      onRawQuery?.({ sql: text, parameters: [] })
      for (const row of insert.rows) statement.run(row as unknown[])
    },
  }
}
