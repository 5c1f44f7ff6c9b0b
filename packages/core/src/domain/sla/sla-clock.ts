import { addBusinessTime, businessTimeBetween } from './business-calendar'
import type { BusinessCalendar } from './compiled-calendar'
import type { EscalationLevel, SlaClockStatus } from './sla-metrics'

const MS_PER_MINUTE = 60_000

/** What a clock measures against, taken from the policy when the clock starts or the policy is re-applied. */
export interface ClockTarget {
  readonly targetMinutes: number
  /** Counts business hours of `calendarKey`'s calendar; otherwise every minute (24×7). */
  readonly business: boolean
  readonly calendarKey: string | null
  /** Share of the target at which the warning fires (0–1, exclusive). */
  readonly warningShare: number
  readonly escalations: readonly EscalationLevel[]
}

/** A stretch of time that does not count (a pausing status, or a solved spell before a reopen). */
export interface PauseInterval {
  readonly from: string
  readonly to: string
}

/**
 * The measuring state of one SLA clock. Elapsed time runs on one axis: business (or calendar) minutes since
 * `startedAt` minus paused time. The warning, the breach and each escalation are points on that axis
 * (`warningShare × target`, `target`, `target + afterMinutes`), projected to instants while the clock runs.
 */
export interface SlaClockState extends ClockTarget {
  readonly status: SlaClockStatus
  readonly startedAt: string
  /** Closed pauses, oldest first. */
  readonly pauses: readonly PauseInterval[]
  /** Paused time of the closed pauses, measured like the target. */
  readonly pausedMinutes: number
  /** Start of the current pause; null while running or stopped. */
  readonly pausedAt: string | null
  /** When the target runs out, while running; null while paused. */
  readonly dueAt: string | null
  /** When the warning is due, while running; null while paused. */
  readonly warnAt: string | null
  readonly warnedAt: string | null
  /** When the target ran out. A breach is final: the clock reports `breached` from then on. */
  readonly breachedAt: string | null
  /** Highest escalation level announced; 0 for none. */
  readonly escalationLevel: number
  /** When the measured reply or solution happened (late ones too); null when cancelled or running. */
  readonly metAt: string | null
  /** When the clock stopped, for any reason. */
  readonly stoppedAt: string | null
  /** Elapsed minutes when the clock stopped. */
  readonly elapsedMinutes: number | null
  /**
   * When the next warning, breach or escalation is due; null when nothing more can happen. For the breach
   * this is the first millisecond after `dueAt` (a reply at `dueAt` itself is in time).
   */
  readonly nextEventAt: string | null
}

/** What can happen to a clock. */
export type ClockEvent =
  /** Time passes: announce every threshold crossed by `now`. */
  | { readonly kind: 'tick' }
  /** The case entered a pausing status. */
  | { readonly kind: 'pause' }
  /** The case left a pausing status. */
  | { readonly kind: 'resume' }
  /** The measured reply or solution happened. */
  | { readonly kind: 'stop' }
  /** The clock no longer applies: the case's policy sets no target for it any more. */
  | { readonly kind: 'cancel' }
  /** A stopped clock runs again (a reopen); the time it was stopped does not count. */
  | { readonly kind: 'reactivate' }
  /**
   * The policy was re-applied: new target, measured from the original start. `calendar` is the new
   * target's calendar (null for 24×7); `pauses`, when given, replaces the clock's record of pauses (as
   * replayed from the case's status history). A cancelled clock comes back. Thresholds already passed are
   * announced at once.
   */
  | {
      readonly kind: 'retarget'
      readonly target: ClockTarget
      readonly calendar: BusinessCalendar | null
      readonly pauses?: { readonly pauses: readonly PauseInterval[]; readonly pausedAt: string | null }
    }

/** What a step announces; each becomes an event. `at` is when the threshold was crossed. */
export type ClockSignal =
  | { readonly kind: 'warning'; readonly at: string }
  | { readonly kind: 'breached'; readonly at: string }
  | { readonly kind: 'escalated'; readonly level: number; readonly action: string; readonly at: string }
  | { readonly kind: 'met'; readonly at: string; readonly elapsedMinutes: number }

/** A clock after a step, with what the step announces. */
export interface ClockStep {
  readonly clock: SlaClockState
  readonly signals: readonly ClockSignal[]
}

/** How a clock starts. */
export interface ClockStart {
  readonly startedAt: string
  readonly target: ClockTarget
  /** Time already paused since `startedAt` (a policy applied to an older case). @default [] */
  readonly pauses?: readonly PauseInterval[]
  /** The clock starts paused since this instant. @default null */
  readonly pausedAt?: string | null
}

interface Threshold {
  readonly kind: 'warning' | 'breached' | 'escalated'
  /** Elapsed milliseconds at which it is crossed. */
  readonly ms: number
  readonly level: number
  readonly action: string
}

/**
 * Starts a clock. A start in the past (a policy applied to an older case) announces at once every
 * threshold already passed.
 *
 * @param calendar The target's calendar, or null for a 24×7 target.
 * @example
 * ```ts
 * const { clock } = startClock(
 *   { startedAt: '2026-03-27T16:00:00.000Z', target: { targetMinutes: 240, business: true, calendarKey: 'berlin', warningShare: 0.75, escalations: [] } },
 *   '2026-03-27T16:00:00.000Z',
 *   berlin,
 * )
 * clock.dueAt // '2026-03-31T11:00:00.000Z': Tuesday 13:00 in Berlin (Monday the 30th is a holiday there)
 * ```
 */
export function startClock(start: ClockStart, now: string, calendar: BusinessCalendar | null): ClockStep {
  const pauses = start.pauses ?? []
  const { target } = start
  // Spelled out: on V8, spreading a small object and then adding many new properties costs tens of µs.
  const clock: SlaClockState = {
    targetMinutes: target.targetMinutes,
    business: target.business,
    calendarKey: target.calendarKey,
    warningShare: target.warningShare,
    escalations: target.escalations,
    status: 'inProgress',
    startedAt: start.startedAt,
    pauses,
    pausedMinutes: pausedMsOf(pauses, calendar) / MS_PER_MINUTE,
    pausedAt: start.pausedAt ?? null,
    dueAt: null,
    warnAt: null,
    warnedAt: null,
    breachedAt: null,
    escalationLevel: 0,
    metAt: null,
    stoppedAt: null,
    elapsedMinutes: null,
    nextEventAt: null,
  }
  const at = latest(now, start.startedAt)
  const crossed = cross(
    clock,
    elapsedMs(clock, at, calendar),
    () => at,
    (ms) => isBehind(clock, ms, at, calendar),
  )
  return { clock: project(crossed.clock, calendar), signals: crossed.signals }
}

/**
 * Applies one event to a clock at `now`. Every event first announces the thresholds crossed before `now`
 * (so a reply after a missed deadline reports the breach even if no sweep ran), then changes the clock.
 * Pure: the same clock, event, instant and calendar always give the same step.
 *
 * @param calendar The clock's current calendar, or null for a 24×7 clock.
 * @example
 * ```ts
 * const step = advanceClock(clock, { kind: 'tick' }, '2026-03-31T10:30:00.000Z', berlin)
 * step.signals // [{ kind: 'warning', at: '2026-03-31T10:00:00.000Z' }]: 75% of 240 business minutes
 * ```
 */
export function advanceClock(
  clock: SlaClockState,
  event: ClockEvent,
  now: string,
  calendar: BusinessCalendar | null,
): ClockStep {
  const at = latest(now, clock.startedAt, clock.pausedAt, clock.stoppedAt)
  const ticked = tick(clock, at, calendar)
  const current = ticked.clock
  const signals = [...ticked.signals]
  switch (event.kind) {
    case 'tick':
      return ticked
    case 'pause': {
      if (isStopped(current) || current.pausedAt !== null) return ticked
      return { clock: project({ ...current, pausedAt: at }, calendar), signals }
    }
    case 'resume': {
      if (isStopped(current) || current.pausedAt === null) return ticked
      return { clock: project(closePause(current, at, calendar), calendar), signals }
    }
    case 'stop':
    case 'cancel': {
      if (isStopped(current)) return ticked
      const elapsed = elapsedMs(current, at, calendar)
      const resumed = current.pausedAt === null ? current : closePause(current, at, calendar)
      const met = event.kind === 'stop'
      const stopped: SlaClockState = {
        ...resumed,
        metAt: met ? at : null,
        stoppedAt: at,
        elapsedMinutes: elapsed / MS_PER_MINUTE,
      }
      if (met && stopped.breachedAt === null) {
        signals.push({ kind: 'met', at, elapsedMinutes: elapsed / MS_PER_MINUTE })
      }
      return { clock: project(stopped, calendar), signals }
    }
    case 'reactivate': {
      if (!isStopped(current) || current.metAt === null) return ticked
      const stoppedAt = current.stoppedAt!
      const running: SlaClockState = {
        ...current,
        pauses: [...current.pauses, { from: stoppedAt, to: at }],
        pausedMinutes: current.pausedMinutes + businessMs(stoppedAt, at, calendar) / MS_PER_MINUTE,
        metAt: null,
        stoppedAt: null,
        elapsedMinutes: null,
      }
      return { clock: project(running, calendar), signals }
    }
    case 'retarget': {
      const cancelled = isStopped(current) && current.metAt === null
      if (isStopped(current) && !cancelled) return ticked
      const next = event.calendar
      const pauses = event.pauses?.pauses ?? current.pauses
      const retargeted: SlaClockState = {
        ...current,
        ...event.target,
        pauses,
        pausedAt: event.pauses ? event.pauses.pausedAt : current.pausedAt,
        pausedMinutes: pausedMsOf(pauses, next) / MS_PER_MINUTE,
        stoppedAt: null,
        elapsedMinutes: null,
      }
      const crossed = cross(
        retargeted,
        elapsedMs(retargeted, at, next),
        () => at,
        (ms) => isBehind(retargeted, ms, at, next),
      )
      return { clock: project(crossed.clock, next), signals: [...signals, ...crossed.signals] }
    }
  }
}

/**
 * Elapsed minutes of a clock at `now`, measured like its target (business minutes for a business target),
 * paused time excluded. Frozen while paused and once stopped.
 */
export function elapsedMinutesAt(
  clock: SlaClockState,
  now: string,
  calendar: BusinessCalendar | null,
): number {
  return elapsedMs(clock, latest(now, clock.startedAt), calendar) / MS_PER_MINUTE
}

/** Has the clock stopped (met, cancelled, or a breached clock whose case moved on)? */
export function isStopped(clock: SlaClockState): boolean {
  return clock.stoppedAt !== null
}

function tick(clock: SlaClockState, now: string, calendar: BusinessCalendar | null): ClockStep {
  if (isStopped(clock) || clock.pausedAt !== null) return { clock, signals: [] }
  const crossed = cross(
    clock,
    elapsedMs(clock, now, calendar),
    (ms) => instantAt(clock, ms, calendar),
    (ms) => isBehind(clock, ms, now, calendar),
  )
  if (crossed.signals.length > 0) return { ...crossed, clock: project(crossed.clock, calendar) }
  // Nothing crossed, yet the stored next event lies behind: its instants were projected with other hours
  // (the calendar was edited). Project them again, so the clock leaves the sweep's due range.
  if (clock.nextEventAt !== null && clock.nextEventAt <= now) {
    return { clock: project(clock, calendar), signals: [] }
  }
  return crossed
}

/**
 * Records, in order, every pending threshold reached by `elapsed`. Warnings and escalations are reached at
 * their instant; the breach only once its instant is strictly behind (elapsed beyond the target, or exactly
 * at it with the deadline already past, `passed`): a reply at the very instant of the deadline is in time,
 * as Salesforce and Zendesk count it. Escalations follow the breach, so they wait for it.
 */
function cross(
  clock: SlaClockState,
  elapsed: number,
  crossedAt: (ms: number) => string,
  passed: (ms: number) => boolean,
): ClockStep {
  let next = clock
  const signals: ClockSignal[] = []
  for (const threshold of thresholdsOf(clock)) {
    if (threshold.ms > elapsed || !isPending(next, threshold)) continue
    if (threshold.kind === 'breached' && threshold.ms === elapsed && !passed(threshold.ms)) continue
    const at = crossedAt(threshold.ms)
    switch (threshold.kind) {
      case 'warning':
        next = { ...next, warnedAt: at }
        signals.push({ kind: 'warning', at })
        break
      case 'breached':
        next = { ...next, breachedAt: at }
        signals.push({ kind: 'breached', at })
        break
      case 'escalated':
        next = { ...next, escalationLevel: threshold.level }
        signals.push({ kind: 'escalated', level: threshold.level, action: threshold.action, at })
        break
    }
  }
  return { clock: next, signals }
}

/** Status, due and warning instants and the next event, from the facts. */
function project(clock: SlaClockState, calendar: BusinessCalendar | null): SlaClockState {
  if (isStopped(clock)) {
    const status = clock.breachedAt !== null ? 'breached' : clock.metAt !== null ? 'met' : 'cancelled'
    return { ...clock, status, nextEventAt: null }
  }
  if (clock.pausedAt !== null) {
    const status = clock.breachedAt !== null ? 'breached' : 'paused'
    return { ...clock, status, dueAt: null, warnAt: null, nextEventAt: null }
  }
  const status = clock.breachedAt !== null ? 'breached' : clock.warnedAt !== null ? 'warning' : 'inProgress'
  const [warning, breach, ...escalations] = thresholdsOf(clock)
  const warnAt = instantAt(clock, warning!.ms, calendar)
  const dueAt = instantAt(clock, breach!.ms, calendar)
  const pending = [warning!, breach!, ...escalations].find((t) => isPending(clock, t))
  const nextEventAt =
    pending === undefined
      ? null
      : pending === warning
        ? warnAt
        : pending === breach
          ? afterInstant(dueAt)
          : instantAt(clock, pending.ms, calendar)
  return { ...clock, status, warnAt, dueAt, nextEventAt }
}

function thresholdsOf(clock: ClockTarget): Threshold[] {
  const targetMs = clock.targetMinutes * MS_PER_MINUTE
  // Floor keeps the warning strictly before the breach for any share below 1.
  const list: Threshold[] = [
    { kind: 'warning', ms: Math.floor(clock.warningShare * targetMs), level: 0, action: '' },
    { kind: 'breached', ms: targetMs, level: 0, action: '' },
  ]
  for (const step of [...clock.escalations].sort((a, b) => a.level - b.level)) {
    list.push({
      kind: 'escalated',
      ms: targetMs + Math.round(step.afterMinutes * MS_PER_MINUTE),
      level: step.level,
      action: step.action,
    })
  }
  return list
}

function isPending(clock: SlaClockState, threshold: Threshold): boolean {
  switch (threshold.kind) {
    case 'warning':
      return clock.warnedAt === null && clock.breachedAt === null
    case 'breached':
      return clock.breachedAt === null
    case 'escalated':
      return clock.breachedAt !== null && clock.escalationLevel < threshold.level
  }
}

/** Elapsed ms: from the start to now (or the pause, or the stop), minus closed pauses. Never negative. */
function elapsedMs(clock: SlaClockState, now: string, calendar: BusinessCalendar | null): number {
  if (clock.elapsedMinutes !== null) return Math.round(clock.elapsedMinutes * MS_PER_MINUTE)
  const end = clock.pausedAt ?? now
  return Math.max(0, businessMs(clock.startedAt, end, calendar) - pausedMs(clock))
}

/** The first millisecond after an instant: when a deadline at `instant` is behind, and the breach due. */
function afterInstant(instant: string): string {
  return new Date(Date.parse(instant) + 1).toISOString()
}

/** Has a running clock's instant for `ms` of elapsed time passed strictly before `now`? */
function isBehind(clock: SlaClockState, ms: number, now: string, calendar: BusinessCalendar | null): boolean {
  return clock.pausedAt === null && !isStopped(clock) && instantAt(clock, ms, calendar) < now
}

/** The instant a running clock reaches `ms` of elapsed time. */
function instantAt(clock: SlaClockState, ms: number, calendar: BusinessCalendar | null): string {
  const minutes = (ms + pausedMs(clock)) / MS_PER_MINUTE
  return addBusinessTime(new Date(clock.startedAt), minutes, calendar).toISOString()
}

function closePause(clock: SlaClockState, now: string, calendar: BusinessCalendar | null): SlaClockState {
  const from = clock.pausedAt!
  return {
    ...clock,
    pauses: [...clock.pauses, { from, to: now }],
    pausedMinutes: (pausedMs(clock) + businessMs(from, now, calendar)) / MS_PER_MINUTE,
    pausedAt: null,
  }
}

function pausedMs(clock: SlaClockState): number {
  return Math.round(clock.pausedMinutes * MS_PER_MINUTE)
}

function pausedMsOf(pauses: readonly PauseInterval[], calendar: BusinessCalendar | null): number {
  let total = 0
  for (const pause of pauses) total += businessMs(pause.from, pause.to, calendar)
  return total
}

// Business minutes are fractions of ms/60000; rounding gives back the exact whole milliseconds.
function businessMs(from: string, to: string, calendar: BusinessCalendar | null): number {
  return Math.round(businessTimeBetween(new Date(from), new Date(to), calendar) * MS_PER_MINUTE)
}

/** The latest of some ISO instants (canonical ISO strings sort in time order). */
function latest(first: string, ...rest: readonly (string | null)[]): string {
  let out = first
  for (const value of rest) if (value !== null && value > out) out = value
  return out
}
