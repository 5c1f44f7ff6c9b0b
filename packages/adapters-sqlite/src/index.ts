/**
 * `@rapport/sqlite`: Rapport's storage adapter for SQLite on better-sqlite3.
 *
 * @packageDocumentation
 */
export {
  type SqliteAdapterOptions,
  type SqliteConnection,
  type SqliteQueryEvent,
  sqliteAdapter,
} from './sqlite-adapter'
export { type RawQueryListener, sqliteDialect } from './sqlite-dialect'
