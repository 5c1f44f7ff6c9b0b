import type { EscalationLevel } from '../domain/sla/sla-metrics'
import type { SlaTargetsByPriority } from '../domain/sla/sla-policy-definition'
import type { Filter } from '../filter/filter-types'
import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/** One SLA policy of a tenant's ordered list: the first whose condition matches a case applies. */
export const slaPolicyEntity = defineEntity({
  name: 'slaPolicy',
  table: 'sla_policies',
  idPrefix: 'slp',
  versioned: true,
  customFields: false,
  since: 4,
  fields: {
    ...versionedSystemFields,
    /** When the policy was archived: it applies to no case any more. */
    archivedAt: field.timestamp(),
    /** Identifier-like key, unique in the tenant, fixed once created. */
    key: field.requiredString(),
    label: field.requiredString(),
    /** Place in the ordered list (lowest first). */
    position: field.requiredInteger(),
    /** Which cases it applies to (a filter over the case, `contact.*` and `company.*`); null for all. */
    condition: field.json<Filter | null>({ filterable: false }),
    /** Key of the business calendar its business targets count in. */
    calendarKey: field.string(),
    targets: field.requiredJson<SlaTargetsByPriority>({ filterable: false }),
    warningShare: field.requiredNumber(),
    escalations: field.requiredJson<readonly EscalationLevel[]>({ filterable: false }),
  },
  indexes: [
    { name: 'sla_policies_key', columns: ['key'], unique: true },
    { name: 'sla_policies_position', columns: ['position'] },
  ],
})
