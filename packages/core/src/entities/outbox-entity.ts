import { defineEntity } from './entity'
import { field } from './field'

/** The durable record of every event, written in the command's transaction. */
export const outboxEntity = defineEntity({
  name: 'outboxEvent',
  table: 'outbox',
  idPrefix: 'evt',
  versioned: false,
  customFields: false,
  fields: {
    type: field.requiredString(),
    payload: field.requiredJson<Record<string, unknown>>(),
    occurredAt: field.requiredTimestamp(),
  },
  indexes: [{ name: 'outbox_time', columns: ['occurred_at', 'id'] }],
})
