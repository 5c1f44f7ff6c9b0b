import { CASE_PRIORITIES } from '../domain/cases/case-vocabulary'
import type { PauseInterval } from '../domain/sla/sla-clock'
import { type EscalationLevel, SLA_CLOCK_STATUSES, SLA_METRICS } from '../domain/sla/sla-metrics'
import { defineEntity, versionedSystemFields } from './entity'
import { field } from './field'

/**
 * One SLA clock: a case's first response, one next-response cycle, or its resolution, measured against its
 * policy's target. `nextEventAt` is indexed so a sweep finds the clocks due without scanning.
 */
export const slaClockEntity = defineEntity({
  name: 'slaClock',
  table: 'sla_clocks',
  idPrefix: 'slc',
  versioned: true,
  customFields: false,
  since: 4,
  fields: {
    ...versionedSystemFields,
    caseId: field.requiredString(),
    metric: field.requiredEnum(SLA_METRICS),
    /** 1 for first response and resolution; 1, 2, ... for each next-response cycle. */
    cycle: field.requiredInteger(),
    status: field.requiredEnum(SLA_CLOCK_STATUSES),
    policyId: field.requiredString(),
    /** The case priority whose target applies. */
    priority: field.requiredEnum(CASE_PRIORITIES),
    targetMinutes: field.requiredInteger(),
    business: field.boolean(),
    calendarKey: field.string(),
    warningShare: field.requiredNumber(),
    escalations: field.requiredJson<readonly EscalationLevel[]>({ filterable: false }),
    startedAt: field.requiredTimestamp(),
    pauses: field.requiredJson<readonly PauseInterval[]>({ filterable: false }),
    /** Paused time of the closed pauses, measured like the target. */
    pausedMinutes: field.requiredNumber(),
    pausedAt: field.timestamp(),
    dueAt: field.timestamp(),
    warnAt: field.timestamp(),
    warnedAt: field.timestamp(),
    breachedAt: field.timestamp(),
    escalationLevel: field.requiredInteger(),
    metAt: field.timestamp(),
    stoppedAt: field.timestamp(),
    elapsedMinutes: field.number(),
    nextEventAt: field.timestamp(),
  },
  foreignKeys: [
    { name: 'sla_clocks_case_fk', columns: ['case_id'], references: 'cases' },
    { name: 'sla_clocks_policy_fk', columns: ['policy_id'], references: 'sla_policies' },
  ],
  indexes: [
    { name: 'sla_clocks_due', columns: ['next_event_at', 'id'] },
    { name: 'sla_clocks_case', columns: ['case_id', 'metric', 'cycle'], unique: true },
    { name: 'sla_clocks_started', columns: ['started_at'] },
    { name: 'sla_clocks_status', columns: ['status', 'case_id'] },
  ],
})
