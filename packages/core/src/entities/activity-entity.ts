import { ACTIVITY_DIRECTIONS, ACTIVITY_TARGET_TYPES, ACTIVITY_TYPES } from '../domain/activity-types'
import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/** Something that happened with a customer, or a task to do: note, call, email, meeting, task. */
export const activityEntity = defineEntity({
  name: 'activity',
  table: 'activities',
  idPrefix: 'act',
  versioned: true,
  customFields: true,
  fields: {
    ...versionedSystemFields,
    type: field.requiredEnum(ACTIVITY_TYPES),
    /** One-line summary. */
    subject: field.string(),
    /** Free text: the note, the call summary, the email body. */
    body: field.string(),
    /** When it happened (or, for a task, when it is due); orders the timeline. */
    occurredAt: field.requiredTimestamp(),
    /** When a task is due. */
    dueAt: field.timestamp(),
    /** Is the task done? Always false for other types. */
    done: field.boolean(),
    /** When the task was completed. */
    completedAt: field.timestamp(),
    /** When to remind the owner of a task. */
    reminderAt: field.timestamp(),
    /** Length of a call or meeting in minutes. */
    durationMinutes: field.integer(),
    /** Inbound or outbound, for calls and emails. */
    direction: field.enum(ACTIVITY_DIRECTIONS),
    /** Result of a call or meeting ("no answer", "interested", ...). */
    outcome: field.string(),
    /** The user (in the app) responsible. */
    ownerId: field.string(),
    /** Contacts this activity is about. */
    contactIds: field.stringList(),
    /** Companies this activity is about. */
    companyIds: field.stringList(),
    /** Deals this activity is about; it also counts as activity on them (a deal rots without it). */
    dealIds: field.stringList({ since: 2 }),
  },
  indexes: [
    { name: 'activities_due', columns: ['type', 'done', 'due_at'] },
    { name: 'activities_occurred', columns: ['occurred_at', 'id'] },
  ],
})

/**
 * One row per (activity, linked record): the index behind timelines. It repeats `occurredAt` so a timeline
 * page is one indexed range scan.
 */
export const activityLinkEntity = defineEntity({
  name: 'activityLink',
  table: 'activity_links',
  idPrefix: 'acl',
  versioned: false,
  customFields: false,
  fields: {
    activityId: field.requiredString(),
    targetType: field.requiredEnum(ACTIVITY_TARGET_TYPES),
    targetId: field.requiredString(),
    occurredAt: field.requiredTimestamp(),
    /** The activity's type, repeated so a timeline can be narrowed to some types in the index. */
    activityType: field.requiredEnum(ACTIVITY_TYPES),
  },
  foreignKeys: [{ name: 'activity_links_activity_fk', columns: ['activity_id'], references: 'activities' }],
  indexes: [
    { name: 'activity_links_timeline', columns: ['target_type', 'target_id', 'occurred_at', 'id'] },
    { name: 'activity_links_activity', columns: ['activity_id'] },
  ],
})

/** The activity entity's description type. */
export type ActivityEntity = typeof activityEntity
