import { z } from 'zod'
import { ACTIVITY_DIRECTIONS, ACTIVITY_TYPES } from '../domain/activity-types'
import { activityEntity } from '../entities/activity-entity'
import { timestampInput } from '../kernel/timestamps'
import { optionalText } from '../runtime/common-input'
import { type CreateInputWithCustom, recordInputs, type UpdateInputWithCustom } from '../runtime/record-input'

const idList = z
  .array(z.string().min(1).max(100))
  .max(100)
  .transform((ids) => [...new Set(ids)])

/**
 * How activities are logged and updated: one input rule per activity field. The type is fixed at creation;
 * a task is done through its own command.
 */
const activityInputs = recordInputs(
  activityEntity,
  {
    type: z.enum(ACTIVITY_TYPES),
    subject: optionalText(500),
    body: optionalText(100_000),
    occurredAt: timestampInput.optional(),
    dueAt: timestampInput.nullish(),
    reminderAt: timestampInput.nullish(),
    done: z.boolean().optional(),
    durationMinutes: z.number().int().min(0).max(100_000).nullish(),
    direction: z.enum(ACTIVITY_DIRECTIONS).nullish(),
    outcome: optionalText(200),
    ownerId: optionalText(200),
    contactIds: idList.default([]),
    companyIds: idList.default([]),
    dealIds: idList.default([]),
    /**
     * Also link the activity to each contact's primary company (as HubSpot does), so it shows on the
     * company's timeline.
     */
    linkPrimaryCompanies: z.boolean().default(true),
  },
  { computed: ['completedAt'], createOnly: ['type', 'done', 'linkPrimaryCompanies'] },
)

/** What a caller may set when logging an activity or creating a task. */
export const activityCreateInput = activityInputs.create
  .refine((a) => a.type === 'task' || (a.dueAt == null && a.reminderAt == null && a.done === undefined), {
    message: 'Only tasks have dueAt, reminderAt and done',
  })
  .refine((a) => a.contactIds.length + a.companyIds.length + a.dealIds.length > 0, {
    message: 'An activity must be linked to at least one contact, company or deal',
    path: ['contactIds'],
  })

/** The fields `activities.update` may change. The type is fixed at creation. */
export const activityUpdateInput = activityInputs.update

/** What a caller passes to `activities.create`. */
export type ActivityCreateInput<CustomInput = Record<string, unknown>> = CreateInputWithCustom<
  typeof activityCreateInput,
  CustomInput
>

/** What a caller passes to `activities.update`. */
export type ActivityUpdateInput<CustomInput = Record<string, unknown>> = UpdateInputWithCustom<
  typeof activityUpdateInput,
  CustomInput
>
