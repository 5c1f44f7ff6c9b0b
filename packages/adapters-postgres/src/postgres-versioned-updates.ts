import type { SqlExecutor, VersionedUpdates } from '@rapport/core/sql'
import type { FieldKind } from '@rapport/core/storage'
import { sql } from 'kysely'

const ARRAY_TYPES: Record<FieldKind, string> = {
  string: 'text[]',
  enum: 'text[]',
  number: 'double precision[]',
  integer: 'bigint[]',
  boolean: 'boolean[]',
  timestamp: 'timestamptz[]',
  date: 'text[]',
  list: 'jsonb[]',
  json: 'jsonb[]',
}

/**
 * Many compare-and-set updates in two statements: lock the rows in id order (`FOR UPDATE`, so concurrent
 * batches queue in the same order instead of deadlocking), then one UPDATE joined to the new values as
 * typed arrays through unnest(), checking each row's version. A row another transaction changed first is
 * left alone (after that transaction commits, read committed re-reads it and the version no longer matches).
 */
export async function updateManyIfVersion(
  executor: SqlExecutor,
  updates: VersionedUpdates,
): Promise<ReadonlySet<string>> {
  if (updates.rows.length === 0) return new Set()
  const table = sql.table(updates.table)
  const ids = updates.rows.map((row) => row.id)
  await sql`select ${sql.ref('id')} from ${table} where ${sql.ref('tenant_id')} = ${updates.tenantId} and ${sql.ref('id')} = any(${ids}::text[]) order by ${sql.ref('id')} for update`.execute(
    executor,
  )
  const arrays = [
    sql`${ids}::text[]`,
    sql`${updates.rows.map((row) => row.expectedVersion)}::bigint[]`,
    ...updates.columns.map(
      (_, c) =>
        sql`${updates.rows.map((row) => row.values[c] ?? null)}::${sql.raw(ARRAY_TYPES[updates.kinds[c]!])}`,
    ),
  ]
  const names = ['rapport_id', 'rapport_expected', ...updates.columns].map((name) => sql.ref(name))
  const assignments = updates.columns.map((column) => sql`${sql.ref(column)} = ${sql.ref(`v.${column}`)}`)
  const result = await sql<{ id: string }>`update ${table} as ${sql.ref('t')} set ${sql.join([
    ...assignments,
    sql`${sql.ref('version')} = ${sql.ref('v.rapport_expected')} + 1`,
  ])} from unnest(${sql.join(arrays)}) as ${sql.ref('v')}(${sql.join(names)}) where ${sql.ref('t.tenant_id')} = ${updates.tenantId} and ${sql.ref('t.id')} = ${sql.ref('v.rapport_id')} and ${sql.ref('t.version')} = ${sql.ref('v.rapport_expected')} returning ${sql.ref('t.id')}`.execute(
    executor,
  )
  return new Set(result.rows.map((row) => row.id))
}
