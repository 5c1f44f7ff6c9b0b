/** What an SLA measures: the first reply, each later reply, and the solution. */
export const SLA_METRICS = ['firstResponse', 'nextResponse', 'resolution'] as const

/** One of {@link SLA_METRICS}. */
export type SlaMetric = (typeof SLA_METRICS)[number]

/** The states of an SLA clock. `met`, `cancelled` and a stopped `breached` clock never change again. */
export const SLA_CLOCK_STATUSES = ['inProgress', 'warning', 'paused', 'met', 'breached', 'cancelled'] as const

/** One of {@link SLA_CLOCK_STATUSES}. */
export type SlaClockStatus = (typeof SLA_CLOCK_STATUSES)[number]

/**
 * One escalation step: `afterMinutes` after the breach (measured like the target: business minutes for a
 * business target, paused time excluded), an `sla.escalated` event carries `action` for the app to act on.
 */
export interface EscalationLevel {
  /** 1, 2, 3, ... in order. */
  readonly level: number
  readonly afterMinutes: number
  /** A label the app understands, e.g. `notifyTeamLead`. */
  readonly action: string
}
