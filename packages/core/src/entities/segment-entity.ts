import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/**
 * How a segment's members are decided: `dynamic` by its filter whenever asked, `snapshot` by its filter once
 * at creation and by hand after, `static` by hand only.
 */
export const SEGMENT_TYPES = ['dynamic', 'snapshot', 'static'] as const

/** One of {@link SEGMENT_TYPES}. */
export type SegmentType = (typeof SEGMENT_TYPES)[number]

/** Record types a segment can hold. */
export const SEGMENT_ENTITIES = ['contact', 'company'] as const

/** One of {@link SEGMENT_ENTITIES}. */
export type SegmentEntityName = (typeof SEGMENT_ENTITIES)[number]

/** A named set of contacts (or companies): by filter, by snapshot, or by hand. */
export const segmentEntity = defineEntity({
  name: 'segment',
  table: 'segments',
  idPrefix: 'seg',
  versioned: true,
  customFields: false,
  since: 3,
  fields: {
    ...versionedSystemFields,
    /** Identifier-like key, unique in the tenant; filters refer to segments by it. */
    key: field.requiredString(),
    name: field.requiredString(),
    entity: field.requiredEnum(SEGMENT_ENTITIES),
    type: field.requiredEnum(SEGMENT_TYPES),
    /** The filter (dynamic: always; snapshot: the one its members were taken with). */
    filter: field.json<unknown>({ filterable: false }),
    /** Keys of segments this one's filter refers to, so a referenced segment cannot be deleted. */
    references: field.stringList(),
  },
  indexes: [{ name: 'segments_key', columns: ['key'], unique: true }],
})

/** One member of a snapshot or static segment. */
export const segmentMemberEntity = defineEntity({
  name: 'segmentMember',
  table: 'segment_members',
  idPrefix: 'sgm',
  versioned: false,
  customFields: false,
  since: 3,
  fields: {
    segmentId: field.requiredString(),
    /** The member's id (a contact or company id, per the segment's entity). */
    recordId: field.requiredString(),
    addedAt: field.requiredTimestamp(),
  },
  foreignKeys: [{ name: 'segment_members_segment_fk', columns: ['segment_id'], references: 'segments' }],
  indexes: [
    { name: 'segment_members_pair', columns: ['segment_id', 'record_id'], unique: true },
    { name: 'segment_members_record', columns: ['record_id', 'segment_id'] },
  ],
})
