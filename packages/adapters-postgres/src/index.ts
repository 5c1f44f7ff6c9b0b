/**
 * `@rapport/postgres`: Rapport's storage adapter for PostgreSQL on pg.
 *
 * @packageDocumentation
 */
export {
  type PostgresAdapterOptions,
  type PostgresConnection,
  type PostgresQueryEvent,
  postgresAdapter,
} from './postgres-adapter'
export { postgresDialect } from './postgres-dialect'
