import type { EntityDescription } from '../entities/entity'
import type { StoredRow } from '../storage/storage-port'
import { isSystemField } from './record-fields'

/** What a new row is stamped with. */
export interface NewRowMeta {
  readonly id: string
  /** The command's instant, ISO 8601. */
  readonly now: string
}

const systemValue = {
  version: () => 1,
  createdAt: (now: string) => now,
  updatedAt: (now: string) => now,
  archivedAt: () => null,
} as const

/**
 * The stored row of a new record, in the entity's field order: the system fields stamped (version 1,
 * created and updated now, not archived), each content field taken from the validated input, a nullable
 * field the input does not give set to null, and the custom values when the entity has them. Internal
 * fields are left to the row codec. A field the service computes is the caller's to add over this row.
 */
export function newRecordRow(
  entity: EntityDescription,
  input: object,
  custom: Readonly<Record<string, unknown>>,
  { id, now }: NewRowMeta,
): StoredRow {
  const given = input as Readonly<Record<string, unknown>>
  const row: Record<string, unknown> = { id }
  for (const [name, def] of Object.entries(entity.fields)) {
    if (def.internal) continue
    if (isSystemField(name)) row[name] = systemValue[name](now)
    else if (given[name] !== undefined) row[name] = given[name]
    else if (def.nullable) row[name] = null
  }
  if (entity.customFields) row.custom = custom
  return row as StoredRow
}

/**
 * The field changes a validated patch names, in its order: every field given (not `undefined`) except
 * `custom`, whose merged and validated values the record service adds, and the `except` names that the
 * record type turns into other changes itself (an amount into minor units and a currency).
 */
export function patchedFields(patch: object, except: readonly string[] = []): Record<string, unknown> {
  const changes: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'custom' || value === undefined || except.includes(key)) continue
    changes[key] = value
  }
  return changes
}
