// SLA math: business calendars (IANA zone, weekly hours, holidays) and SLA clocks as pure functions over
// them, plus the policy shape and the compliance report. No I/O, no clock: the caller passes `now`.

export {
  addBusinessTime,
  type BusinessCalendar,
  type BusinessCalendarDefinition,
  type BusinessHoursInterval,
  businessCalendarDefinitionSchema,
  businessTimeBetween,
  createBusinessCalendar,
  isBusinessTime,
  nextBusinessStart,
  type WeeklyBusinessHours,
} from './business-calendar'
export { type HistoricPauses, pausesFromHistory, type StatusChange } from './pause-history'
export {
  advanceClock,
  type ClockEvent,
  type ClockSignal,
  type ClockStart,
  type ClockStep,
  type ClockTarget,
  elapsedMinutesAt,
  isStopped,
  type PauseInterval,
  type SlaClockState,
  startClock,
} from './sla-clock'
export {
  COMPLIANCE_DIMENSIONS,
  COMPLIANCE_PERIODS,
  type ComplianceClock,
  type ComplianceDimension,
  type CompliancePeriod,
  type ComplianceRow,
  percentile,
  slaCompliance,
} from './sla-compliance'
export {
  type EscalationLevel,
  SLA_CLOCK_STATUSES,
  SLA_METRICS,
  type SlaClockStatus,
  type SlaMetric,
} from './sla-metrics'
export {
  DEFAULT_WARNING_SHARE,
  isBusinessTarget,
  MAX_SLA_MINUTES,
  type SlaMetricTargets,
  type SlaPolicyDefinition,
  type SlaPolicyInput,
  type SlaTarget,
  type SlaTargetsByPriority,
  slaPolicyDefinitionSchema,
} from './sla-policy-definition'
export type { SweepErrorHandler, SweepProblem } from './sweep-problem'
