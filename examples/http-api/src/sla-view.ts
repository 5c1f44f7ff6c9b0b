import {
  advanceClock,
  type BusinessCalendar,
  elapsedMinutesAt,
  type SlaClock,
  type SlaClockState,
  type SlaClockStatus,
  type SlaMetric,
} from '@rapport/core'

/** One SLA clock as the API shows it: where it stands at `asOf`, not only where the last write left it. */
export interface ClockView {
  readonly id: string
  readonly metric: SlaMetric
  /** 1 for first response and resolution; 1, 2, ... for each next-response cycle. */
  readonly cycle: number
  /** The state at `asOf`: a warning or breach the sweep has not announced yet already shows. */
  readonly status: SlaClockStatus
  /** The state as stored, i.e. as of the last case command or sweep. */
  readonly storedStatus: SlaClockStatus
  readonly targetMinutes: number
  /** Minutes are business minutes of `calendarKey` (true) or every minute (false). */
  readonly business: boolean
  readonly calendarKey: string | null
  readonly startedAt: string
  readonly warnAt: string | null
  /** When the target runs out; null while paused and once stopped. */
  readonly dueAt: string | null
  /** Minutes counted so far, measured like the target (paused time left out). */
  readonly elapsedMinutes: number
  /** `targetMinutes − elapsedMinutes`: negative once overdue. */
  readonly remainingMinutes: number
  readonly breached: boolean
  readonly breachedAt: string | null
  readonly metAt: string | null
  readonly pausedAt: string | null
}

/** The SLA of one case at an instant. */
export interface CaseSlaView {
  readonly caseId: string
  readonly asOf: string
  readonly clocks: readonly ClockView[]
}

/**
 * Where a stored clock stands at `now`. A tick of Rapport's own pure clock function, never written back:
 * announcing warnings and breaches (exactly once, with events) is the sweep's job, but a reader should not
 * have to wait for the next sweep to see that a deadline has passed.
 *
 * @param calendar The clock's business calendar, or null for a 24×7 clock.
 */
export function clockView(clock: SlaClock, now: Date, calendar: BusinessCalendar | null): ClockView {
  const instant = now.toISOString()
  const state = advanceClock(stateOf(clock), { kind: 'tick' }, instant, calendar).clock
  const elapsed = elapsedMinutesAt(state, instant, calendar)
  return {
    id: clock.id,
    metric: clock.metric,
    cycle: clock.cycle,
    status: state.status,
    storedStatus: clock.status,
    targetMinutes: state.targetMinutes,
    business: state.business,
    calendarKey: state.calendarKey,
    startedAt: state.startedAt,
    warnAt: state.stoppedAt === null ? state.warnAt : null,
    dueAt: state.stoppedAt === null ? state.dueAt : null,
    elapsedMinutes: roundMinutes(elapsed),
    remainingMinutes: roundMinutes(state.targetMinutes - elapsed),
    breached: state.breachedAt !== null,
    breachedAt: state.breachedAt,
    metAt: state.metAt,
    pausedAt: state.pausedAt,
  }
}

/** The stored record as the state the pure clock functions take (the record stores `business` nullable). */
function stateOf(clock: SlaClock): SlaClockState {
  return {
    targetMinutes: clock.targetMinutes,
    business: clock.business === true,
    calendarKey: clock.calendarKey,
    warningShare: clock.warningShare,
    escalations: clock.escalations,
    status: clock.status,
    startedAt: clock.startedAt,
    pauses: clock.pauses,
    pausedMinutes: clock.pausedMinutes,
    pausedAt: clock.pausedAt,
    dueAt: clock.dueAt,
    warnAt: clock.warnAt,
    warnedAt: clock.warnedAt,
    breachedAt: clock.breachedAt,
    escalationLevel: clock.escalationLevel,
    metAt: clock.metAt,
    stoppedAt: clock.stoppedAt,
    elapsedMinutes: clock.elapsedMinutes,
    nextEventAt: clock.nextEventAt,
  }
}

// Business minutes come out as fractions of a millisecond's worth; a tenth of a minute is plenty to show.
function roundMinutes(minutes: number): number {
  return Math.round(minutes * 10) / 10
}
