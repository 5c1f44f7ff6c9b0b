import {
  CASE_CHANNELS,
  CASE_PRIORITIES,
  CASE_STATUSES,
  type CaseStatus,
} from '../domain/cases/case-vocabulary'
import type { StatusChange } from '../domain/sla/pause-history'
import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/** A support case (ticket): a customer's question, problem or complaint, worked on until solved. */
export const caseEntity = defineEntity({
  name: 'case',
  table: 'cases',
  idPrefix: 'case',
  versioned: true,
  customFields: true,
  since: 4,
  fields: {
    ...versionedSystemFields,
    subject: field.requiredString(),
    description: field.string(),
    /** The person the case is for. */
    contactId: field.string(),
    /** The organisation the case is for. */
    companyId: field.string(),
    channel: field.enum(CASE_CHANNELS),
    priority: field.requiredEnum(CASE_PRIORITIES),
    /** Free label; `complaint` makes the case a complaint. */
    category: field.string(),
    product: field.string(),
    status: field.requiredEnum(CASE_STATUSES),
    /** The customer's satisfaction rating, 1 (very unhappy) to 5 (very happy). */
    satisfaction: field.integer(),
    /** The user (in the app) working on the case. */
    assigneeId: field.string(),
    /** The SLA policy that applies; null when none matches. */
    slaPolicyId: field.string(),
    /** When an agent first replied publicly. */
    firstRespondedAt: field.timestamp(),
    /** The oldest customer message no agent has answered yet; null when none waits. */
    awaitingReplySince: field.timestamp(),
    /** When the case was last solved; null while not solved. */
    solvedAt: field.timestamp(),
    closedAt: field.timestamp(),
    /** Every status the case entered, oldest first, from its creation. */
    statusHistory: field.requiredJson<StatusChange<CaseStatus>[]>({ filterable: false }),
  },
  foreignKeys: [
    { name: 'cases_contact_fk', columns: ['contact_id'], references: 'contacts' },
    { name: 'cases_company_fk', columns: ['company_id'], references: 'companies' },
    { name: 'cases_policy_fk', columns: ['sla_policy_id'], references: 'sla_policies' },
  ],
  indexes: [
    { name: 'cases_status', columns: ['status', 'created_at'] },
    { name: 'cases_contact', columns: ['contact_id'] },
    { name: 'cases_company', columns: ['company_id'] },
    { name: 'cases_updated', columns: ['updated_at', 'id'] },
  ],
  textSearch: { name: 'cases_text', fields: ['subject', 'description'] },
})

/** The case entity's description type. */
export type CaseEntity = typeof caseEntity
