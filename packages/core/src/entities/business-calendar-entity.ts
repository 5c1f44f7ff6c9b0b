import type { BusinessCalendarDefinition } from '../domain/sla/calendar-definition'
import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/** A tenant's stored business calendar (zone, weekly hours, holidays), named by key in SLA policies. */
export const businessCalendarEntity = defineEntity({
  name: 'businessCalendar',
  table: 'business_calendars',
  idPrefix: 'cal',
  versioned: true,
  customFields: false,
  since: 4,
  fields: {
    ...versionedSystemFields,
    /** Identifier-like key, unique in the tenant, fixed once created. */
    key: field.requiredString(),
    label: field.string(),
    definition: field.requiredJson<BusinessCalendarDefinition>({ filterable: false }),
  },
  indexes: [{ name: 'business_calendars_key', columns: ['key'], unique: true }],
})
