/**
 * `@rapport/core/sql`: the kysely implementation of the storage port, for adapter packages. Apps do not
 * import this; they use `@rapport/sqlite` or `@rapport/postgres`.
 *
 * @packageDocumentation
 */
export { compileFilterToSql, escapeLike } from './filter-to-sql'
export { afterPosition, orderByTerms, totalOrder } from './keyset'
export { ensureSchema, MIGRATIONS, migrationProvider } from './migrations'
export {
  type ColumnSpec,
  columnSpecs,
  decodeRow,
  encodeChanges,
  encodeJson,
  encodeRowValues,
} from './row-codec'
export type {
  BulkInsert,
  RowInsert,
  SqlDialect,
  SqlExecutor,
  SqlSchema,
  SqlTextSearch,
  TextSearchStatement,
  TextSearchTarget,
  TransientFailure,
  VersionedUpdates,
} from './sql-dialect'
export { createSqlStore, type SqlStoreOptions } from './sql-store'
export { checkTablePlacement, TableNames, type TablePlacement } from './table-names'
export { textSearchTarget } from './text-search'
