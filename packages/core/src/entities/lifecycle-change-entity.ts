import { LIFECYCLE_STAGES } from '../domain/lifecycle'
import { defineEntity } from './entity'
import { field } from './field'

/** One recorded lifecycle move of a contact. */
export const lifecycleChangeEntity = defineEntity({
  name: 'lifecycleChange',
  table: 'lifecycle_changes',
  idPrefix: 'lcc',
  versioned: false,
  customFields: false,
  fields: {
    contactId: field.requiredString(),
    fromStage: field.enum(LIFECYCLE_STAGES),
    toStage: field.requiredEnum(LIFECYCLE_STAGES),
    direction: field.requiredEnum(['forward', 'backward'] as const),
    source: field.requiredEnum(['automatic', 'explicit'] as const),
    /** Who made the change (a user id, an automation name). */
    actor: field.string(),
    reason: field.string(),
    occurredAt: field.requiredTimestamp(),
    /** The contact's version after the move: orders moves made within the same millisecond. */
    contactVersion: field.requiredInteger(),
  },
  foreignKeys: [{ name: 'lifecycle_changes_contact_fk', columns: ['contact_id'], references: 'contacts' }],
  indexes: [{ name: 'lifecycle_changes_contact', columns: ['contact_id', 'contact_version'] }],
})
