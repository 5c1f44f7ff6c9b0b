import type { EntityDescription } from '../entities/entity'

/**
 * Fields the record service keeps itself: stamped on create, on every write and by archive / restore.
 * No caller gives them and no spec computes them.
 */
export const SYSTEM_FIELDS = ['version', 'createdAt', 'updatedAt', 'archivedAt'] as const

/** One of {@link SYSTEM_FIELDS}. */
export type SystemField = (typeof SYSTEM_FIELDS)[number]

/** Names of an entity's internal fields (derived columns such as a normalised email). */
export type InternalField<E extends EntityDescription> = {
  [K in keyof E['fields']]: E['fields'][K] extends { readonly internal: true } ? K : never
}[keyof E['fields']]

/**
 * The fields that make up a record's content: every field but the system and internal ones. Each is given
 * by the caller (it has an input rule) or computed by the record type's service.
 */
export type ContentField<E extends EntityDescription> = Exclude<
  keyof E['fields'] & string,
  SystemField | InternalField<E>
>

/** Is this field name one of the {@link SYSTEM_FIELDS}? */
export function isSystemField(name: string): name is SystemField {
  return (SYSTEM_FIELDS as readonly string[]).includes(name)
}

/** The {@link ContentField} names of an entity, in declaration order. */
export function contentFields(entity: EntityDescription): string[] {
  return Object.entries(entity.fields)
    .filter(([name, def]) => !def.internal && !isSystemField(name))
    .map(([name]) => name)
}
