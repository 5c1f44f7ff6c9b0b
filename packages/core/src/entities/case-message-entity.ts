import { CASE_AUTHOR_KINDS, CASE_MESSAGE_VISIBILITIES } from '../domain/cases/case-vocabulary'
import { defineEntity } from './entity'
import { field } from './field'

/** One message on a case: a public reply the customer sees, or a private note of the team. */
export const caseMessageEntity = defineEntity({
  name: 'caseMessage',
  table: 'case_messages',
  idPrefix: 'cmsg',
  versioned: false,
  customFields: false,
  since: 4,
  fields: {
    caseId: field.requiredString(),
    visibility: field.requiredEnum(CASE_MESSAGE_VISIBILITIES),
    authorKind: field.requiredEnum(CASE_AUTHOR_KINDS),
    /** The contact or app user who wrote it. */
    authorId: field.string(),
    body: field.requiredString(),
    createdAt: field.requiredTimestamp(),
  },
  foreignKeys: [{ name: 'case_messages_case_fk', columns: ['case_id'], references: 'cases' }],
  indexes: [{ name: 'case_messages_case', columns: ['case_id', 'created_at'] }],
})
