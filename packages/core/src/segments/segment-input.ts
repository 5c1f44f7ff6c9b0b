import { z } from 'zod'
import { SEGMENT_ENTITIES, SEGMENT_TYPES, segmentEntity } from '../entities/segment-entity'
import { recordInputs } from '../runtime/record-input'

const key = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_-]{0,63}$/, 'Expected a key like "vip-customers" (letters, digits, _ and -)')

/**
 * How segments are defined and changed: one input rule per segment field a caller gives, plus the first
 * members of a static segment. Key, record type and kind are fixed at creation.
 */
const segmentInputs = recordInputs(
  segmentEntity,
  {
    key,
    name: z.string().trim().min(1).max(200),
    /** @default 'contact' */
    entity: z.enum(SEGMENT_ENTITIES).default('contact'),
    type: z.enum(SEGMENT_TYPES),
    /** Required for dynamic and snapshot segments; not allowed for static ones. */
    filter: z.unknown().optional(),
    /** The first members of a static segment. */
    memberIds: z.array(z.string().min(1).max(100)).max(100_000).optional(),
  },
  { computed: ['references'], createOnly: ['key', 'entity', 'type', 'memberIds'] },
)

/** A segment as a caller defines it. */
export const segmentCreateInput = segmentInputs.create.superRefine((s, ctx) => {
  if (s.type !== 'static' && s.filter === undefined) {
    ctx.addIssue({ code: 'custom', path: ['filter'], message: `A ${s.type} segment needs a filter` })
  }
  if (s.type === 'static' && s.filter !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['filter'],
      message: 'A static segment has no filter; add members by hand',
    })
  }
  if (s.type !== 'static' && s.memberIds !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['memberIds'],
      message: `A ${s.type} segment takes its members from its filter`,
    })
  }
})

/** What `segments.update` may change. Only a dynamic segment's filter can change. */
export const segmentUpdateInput = segmentInputs.update

/** Keys and id lists. */
export const segmentKeyInput = key
export const memberIdsInput = z.array(z.string().min(1).max(100)).max(100_000)

/** What a caller passes to `segments.create`. */
export type SegmentCreateInput = z.input<typeof segmentCreateInput>
/** What a caller passes to `segments.update`. */
export type SegmentUpdateInput = z.input<typeof segmentUpdateInput>
