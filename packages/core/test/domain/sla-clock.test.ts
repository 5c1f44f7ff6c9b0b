import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addBusinessTime,
  type BusinessHoursInterval,
  businessTimeBetween,
  createBusinessCalendar,
} from '../../src/domain/sla/business-calendar'
import {
  advanceClock,
  type ClockEvent,
  type ClockSignal,
  type ClockTarget,
  elapsedMinutesAt,
  type SlaClockState,
  startClock,
} from '../../src/domain/sla/sla-clock'

const nineToFive: BusinessHoursInterval[] = [{ from: '09:00', to: '17:00' }]
// Europe/Berlin office hours; Monday 2026-03-30 is a holiday, and DST starts on Sunday 2026-03-29.
const berlin = createBusinessCalendar({
  timeZone: 'Europe/Berlin',
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: ['2026-03-30', '2026-04-03', '2026-04-06'],
})

const target = (minutes: number, extra: Partial<ClockTarget> = {}): ClockTarget => ({
  targetMinutes: minutes,
  business: true,
  calendarKey: 'berlin',
  warningShare: 0.75,
  escalations: [
    { level: 1, afterMinutes: 60, action: 'notifyLead' },
    { level: 2, afterMinutes: 240, action: 'notifyManager' },
  ],
  ...extra,
})

function run(clock: SlaClockState, steps: readonly [ClockEvent, string][]) {
  const signals: ClockSignal[] = []
  let current = clock
  for (const [event, now] of steps) {
    const step = advanceClock(current, event, now, berlin)
    current = step.clock
    signals.push(...step.signals)
  }
  return { clock: current, signals }
}

describe('SLA clock: worked examples (Europe/Berlin, Mon–Fri 09:00–17:00)', () => {
  // Friday 2026-03-27 17:30 Berlin (UTC+1), after closing. The next business minute is Tuesday 09:00 (UTC+2).
  const fridayEvening = '2026-03-27T16:30:00.000Z'

  it('a Friday-evening case is due on Tuesday, across the DST weekend and the Monday holiday', () => {
    const { clock, signals } = startClock(
      { startedAt: fridayEvening, target: target(240) },
      fridayEvening,
      berlin,
    )
    expect(signals).toEqual([])
    expect(clock).toMatchObject({
      status: 'inProgress',
      warnAt: '2026-03-31T10:00:00.000Z', // Tuesday 12:00 Berlin: 3 business hours
      dueAt: '2026-03-31T11:00:00.000Z', // Tuesday 13:00 Berlin
      nextEventAt: '2026-03-31T10:00:00.000Z',
    })
  })

  it('announces warning, breach and escalations once each, at the instants they happened', () => {
    const start = startClock({ startedAt: fridayEvening, target: target(240) }, fridayEvening, berlin).clock
    const { clock, signals } = run(start, [
      [{ kind: 'tick' }, '2026-03-31T09:59:59.999Z'],
      [{ kind: 'tick' }, '2026-03-31T10:00:00.000Z'],
      [{ kind: 'tick' }, '2026-03-31T10:30:00.000Z'],
      // A late sweep finds the breach and the first escalation at once.
      [{ kind: 'tick' }, '2026-03-31T14:00:00.000Z'],
      [{ kind: 'tick' }, '2026-03-31T14:59:59.999Z'],
    ])
    expect(signals).toEqual([
      { kind: 'warning', at: '2026-03-31T10:00:00.000Z' },
      { kind: 'breached', at: '2026-03-31T11:00:00.000Z' },
      { kind: 'escalated', level: 1, action: 'notifyLead', at: '2026-03-31T12:00:00.000Z' },
    ])
    // Level 2 is 240 business minutes after the breach: Tuesday 13:00 + 4h = Tuesday 17:00 Berlin, 15:00Z.
    expect(clock).toMatchObject({
      status: 'breached',
      escalationLevel: 1,
      nextEventAt: '2026-03-31T15:00:00.000Z',
    })
  })

  it('pauses while pending: the paused business time is excluded and the deadline moves out', () => {
    const start = startClock(
      { startedAt: '2026-03-31T07:00:00.000Z', target: target(480) },
      '2026-03-31T07:00:00.000Z',
      berlin,
    )
    const { clock } = run(start.clock, [
      [{ kind: 'pause' }, '2026-03-31T09:00:00.000Z'], // 2h elapsed
      [{ kind: 'tick' }, '2026-04-01T09:00:00.000Z'],
      [{ kind: 'resume' }, '2026-04-01T09:00:00.000Z'], // paused 6h Tue + 2h Wed = 8 business hours
    ])
    expect(clock.pausedMinutes).toBe(480)
    expect(clock.pauses).toEqual([{ from: '2026-03-31T09:00:00.000Z', to: '2026-04-01T09:00:00.000Z' }])
    expect(elapsedMinutesAt(clock, '2026-04-01T09:00:00.000Z', berlin)).toBe(120)
    // 6 business hours left from Wednesday 11:00 Berlin: Wednesday 17:00 Berlin.
    expect(clock.dueAt).toBe('2026-04-01T15:00:00.000Z')
  })

  it('a paused clock shows no deadline and announces nothing', () => {
    const start = startClock(
      { startedAt: '2026-03-31T07:00:00.000Z', target: target(60) },
      '2026-03-31T07:00:00.000Z',
      berlin,
    )
    const { clock, signals } = run(start.clock, [
      [{ kind: 'pause' }, '2026-03-31T07:30:00.000Z'],
      [{ kind: 'tick' }, '2026-04-10T07:30:00.000Z'],
    ])
    expect(signals).toEqual([])
    expect(clock).toMatchObject({ status: 'paused', dueAt: null, warnAt: null, nextEventAt: null })
  })

  it('stopping in time is met; a reply after the deadline reports the breach first and stays breached', () => {
    const start = startClock(
      { startedAt: '2026-03-31T07:00:00.000Z', target: target(60) },
      '2026-03-31T07:00:00.000Z',
      berlin,
    )
    const met = advanceClock(start.clock, { kind: 'stop' }, '2026-03-31T07:40:00.000Z', berlin)
    expect(met.signals).toEqual([{ kind: 'met', at: '2026-03-31T07:40:00.000Z', elapsedMinutes: 40 }])
    expect(met.clock).toMatchObject({
      status: 'met',
      metAt: '2026-03-31T07:40:00.000Z',
      elapsedMinutes: 40,
      nextEventAt: null,
    })
    const late = advanceClock(start.clock, { kind: 'stop' }, '2026-03-31T08:10:00.000Z', berlin)
    expect(late.signals.map((s) => s.kind)).toEqual(['warning', 'breached'])
    expect(late.clock).toMatchObject({
      status: 'breached',
      metAt: '2026-03-31T08:10:00.000Z',
      elapsedMinutes: 70,
      nextEventAt: null,
    })
  })

  it('a reply at the very instant of the deadline is met; one millisecond later is a breach', () => {
    // 60 business minutes from Tuesday 09:00 Berlin: due at 10:00 Berlin (08:00Z).
    const start = startClock(
      { startedAt: '2026-03-31T07:00:00.000Z', target: target(60, { escalations: [] }) },
      '2026-03-31T07:00:00.000Z',
      berlin,
    ).clock
    expect(start.dueAt).toBe('2026-03-31T08:00:00.000Z')
    const stopAt = (now: string) => advanceClock(start, { kind: 'stop' }, now, berlin)
    expect(stopAt('2026-03-31T07:59:59.999Z').clock).toMatchObject({ status: 'met', breachedAt: null })
    const onTime = stopAt('2026-03-31T08:00:00.000Z')
    expect(onTime.clock).toMatchObject({ status: 'met', breachedAt: null, elapsedMinutes: 60 })
    expect(onTime.signals).toEqual([
      { kind: 'warning', at: '2026-03-31T07:45:00.000Z' },
      { kind: 'met', at: '2026-03-31T08:00:00.000Z', elapsedMinutes: 60 },
    ])
    const late = stopAt('2026-03-31T08:00:00.001Z')
    expect(late.clock).toMatchObject({ status: 'breached', breachedAt: '2026-03-31T08:00:00.000Z' })
    expect(late.signals.map((s) => s.kind)).toEqual(['warning', 'breached'])
  })

  it('the breach is due the millisecond after the deadline; a sweep at the deadline announces nothing', () => {
    const start = startClock(
      { startedAt: '2026-03-31T07:00:00.000Z', target: target(60) },
      '2026-03-31T07:00:00.000Z',
      berlin,
    ).clock
    const warned = advanceClock(start, { kind: 'tick' }, '2026-03-31T07:45:00.000Z', berlin)
    expect(warned.signals).toEqual([{ kind: 'warning', at: '2026-03-31T07:45:00.000Z' }])
    expect(warned.clock).toMatchObject({
      dueAt: '2026-03-31T08:00:00.000Z',
      nextEventAt: '2026-03-31T08:00:00.001Z',
    })
    const atDeadline = advanceClock(warned.clock, { kind: 'tick' }, '2026-03-31T08:00:00.000Z', berlin)
    expect(atDeadline).toEqual({ clock: warned.clock, signals: [] })
    const after = advanceClock(warned.clock, { kind: 'tick' }, '2026-03-31T08:00:00.001Z', berlin)
    expect(after.signals).toEqual([{ kind: 'breached', at: '2026-03-31T08:00:00.000Z' }])
    // Escalation 1, 60 business minutes after the breach, is due at its instant.
    expect(after.clock).toMatchObject({ status: 'breached', nextEventAt: '2026-03-31T09:00:00.000Z' })
    expect(advanceClock(after.clock, { kind: 'tick' }, '2026-03-31T09:00:00.000Z', berlin).signals).toEqual([
      { kind: 'escalated', level: 1, action: 'notifyLead', at: '2026-03-31T09:00:00.000Z' },
    ])
  })

  it('an escalation at the breach itself waits for the breach', () => {
    const start = startClock(
      {
        startedAt: '2026-03-31T07:00:00.000Z',
        target: target(60, { escalations: [{ level: 1, afterMinutes: 0, action: 'page' }] }),
      },
      '2026-03-31T07:00:00.000Z',
      berlin,
    ).clock
    expect(advanceClock(start, { kind: 'stop' }, '2026-03-31T08:00:00.000Z', berlin).clock).toMatchObject({
      status: 'met',
      escalationLevel: 0,
    })
    expect(
      advanceClock(start, { kind: 'tick' }, '2026-03-31T08:00:00.001Z', berlin).signals.map((s) => s.kind),
    ).toEqual(['warning', 'breached', 'escalated'])
  })

  it('a deadline at closing time is breached by a reply after closing, though no business time passed', () => {
    // 480 business minutes from Tuesday 09:00 Berlin: due at Tuesday 17:00 Berlin (15:00Z).
    const start = startClock(
      { startedAt: '2026-03-31T07:00:00.000Z', target: target(480, { escalations: [] }) },
      '2026-03-31T07:00:00.000Z',
      berlin,
    ).clock
    expect(start.dueAt).toBe('2026-03-31T15:00:00.000Z')
    expect(advanceClock(start, { kind: 'stop' }, '2026-03-31T15:00:00.000Z', berlin).clock.status).toBe('met')
    const evening = advanceClock(start, { kind: 'stop' }, '2026-03-31T18:00:00.000Z', berlin)
    expect(evening.clock).toMatchObject({
      status: 'breached',
      breachedAt: '2026-03-31T15:00:00.000Z',
      elapsedMinutes: 480,
    })
  })

  it('a clock whose stored next event lies behind though nothing is due (its calendar was edited) is re-projected', () => {
    const start = startClock(
      { startedAt: '2026-03-31T07:00:00.000Z', target: target(240) },
      '2026-03-31T07:00:00.000Z',
      berlin,
    ).clock
    // As if projected with longer hours: due and warning earlier than the Berlin hours put them.
    const stale = { ...start, warnAt: '2026-03-31T07:30:00.000Z', nextEventAt: '2026-03-31T07:30:00.000Z' }
    const step = advanceClock(stale, { kind: 'tick' }, '2026-03-31T08:00:00.000Z', berlin)
    expect(step.signals).toEqual([])
    expect(step.clock).toEqual(start)
  })

  it('a reopen runs the clock again without counting the time it was stopped', () => {
    const start = startClock(
      { startedAt: '2026-03-31T07:00:00.000Z', target: target(480) },
      '2026-03-31T07:00:00.000Z',
      berlin,
    )
    const { clock, signals } = run(start.clock, [
      [{ kind: 'stop' }, '2026-03-31T09:00:00.000Z'], // solved after 2h
      [{ kind: 'reactivate' }, '2026-04-01T09:00:00.000Z'], // reopened the next day
    ])
    expect(signals).toEqual([{ kind: 'met', at: '2026-03-31T09:00:00.000Z', elapsedMinutes: 120 }])
    expect(clock).toMatchObject({ status: 'inProgress', metAt: null, stoppedAt: null, elapsedMinutes: null })
    expect(elapsedMinutesAt(clock, '2026-04-01T09:00:00.000Z', berlin)).toBe(120)
    expect(clock.dueAt).toBe('2026-04-01T15:00:00.000Z')
  })

  it('a new, shorter target is measured from the original start and breaches at once when passed', () => {
    const start = startClock(
      { startedAt: '2026-03-31T07:00:00.000Z', target: target(480) },
      '2026-03-31T07:00:00.000Z',
      berlin,
    )
    const shorter = advanceClock(
      start.clock,
      { kind: 'retarget', target: target(60), calendar: berlin },
      '2026-03-31T09:00:00.000Z',
      berlin,
    )
    expect(shorter.signals).toEqual([
      { kind: 'warning', at: '2026-03-31T09:00:00.000Z' },
      { kind: 'breached', at: '2026-03-31T09:00:00.000Z' },
      { kind: 'escalated', level: 1, action: 'notifyLead', at: '2026-03-31T09:00:00.000Z' },
    ])
    expect(shorter.clock).toMatchObject({
      status: 'breached',
      dueAt: '2026-03-31T08:00:00.000Z',
      targetMinutes: 60,
    })
    // Longer again: the breach is final, and escalation 2 moves with the target.
    const longer = advanceClock(
      shorter.clock,
      { kind: 'retarget', target: target(480), calendar: berlin },
      '2026-03-31T09:30:00.000Z',
      berlin,
    )
    expect(longer.signals).toEqual([])
    expect(longer.clock).toMatchObject({
      status: 'breached',
      dueAt: '2026-03-31T15:00:00.000Z',
      escalationLevel: 1,
    })
  })

  it('a clock cancelled for lack of a target comes back, from the original start, when a target does', () => {
    const start = startClock(
      { startedAt: '2026-03-31T07:00:00.000Z', target: target(480) },
      '2026-03-31T07:00:00.000Z',
      berlin,
    )
    const cancelled = advanceClock(start.clock, { kind: 'cancel' }, '2026-03-31T08:00:00.000Z', berlin)
    expect(cancelled.signals).toEqual([])
    expect(cancelled.clock).toMatchObject({
      status: 'cancelled',
      metAt: null,
      elapsedMinutes: 60,
      nextEventAt: null,
    })
    const back = advanceClock(
      cancelled.clock,
      { kind: 'retarget', target: target(240), calendar: berlin, pauses: { pauses: [], pausedAt: null } },
      '2026-03-31T10:00:00.000Z',
      berlin,
    )
    // The spell without a target counted: three hours elapsed, the warning (180) already passed.
    expect(back.signals).toEqual([{ kind: 'warning', at: '2026-03-31T10:00:00.000Z' }])
    expect(back.clock).toMatchObject({
      status: 'warning',
      stoppedAt: null,
      dueAt: '2026-03-31T11:00:00.000Z',
    })
    // A met clock is a finished measurement: a new target does not touch it.
    const met = advanceClock(start.clock, { kind: 'stop' }, '2026-03-31T08:00:00.000Z', berlin).clock
    expect(
      advanceClock(
        met,
        { kind: 'retarget', target: target(30), calendar: berlin },
        '2026-03-31T10:00:00.000Z',
        berlin,
      ),
    ).toEqual({ clock: met, signals: [] })
  })

  it('a 24×7 target counts every minute', () => {
    const { clock } = startClock(
      { startedAt: '2026-03-27T16:30:00.000Z', target: target(240, { business: false, calendarKey: null }) },
      '2026-03-27T16:30:00.000Z',
      null,
    )
    expect(clock.dueAt).toBe('2026-03-27T20:30:00.000Z')
  })

  it('a clock started late (policy applied to an older case) announces what it passed at once', () => {
    const { clock, signals } = startClock(
      {
        startedAt: '2026-03-31T07:00:00.000Z',
        target: target(120),
        pauses: [{ from: '2026-03-31T08:00:00.000Z', to: '2026-03-31T09:00:00.000Z' }],
      },
      '2026-03-31T09:45:00.000Z',
      berlin,
    )
    // 165 minutes since the start, 60 of them paused: 105 elapsed, past the warning (90), not the target.
    expect(signals).toEqual([{ kind: 'warning', at: '2026-03-31T09:45:00.000Z' }])
    expect(clock).toMatchObject({ status: 'warning', pausedMinutes: 60, dueAt: '2026-03-31T10:00:00.000Z' })
  })
})

/** Instants around the 2026 spring and autumn DST changes, with holidays in between. */
const instant = fc
  .integer({ min: Date.UTC(2026, 2, 20), max: Date.UTC(2026, 10, 10) })
  .map((ms) => new Date(ms).toISOString())
const minutes = fc.integer({ min: 1, max: 6000 })
const share = fc.double({ min: 0.05, max: 0.95, noNaN: true })
const escalations = fc
  .array(fc.integer({ min: 0, max: 3000 }), { maxLength: 3 })
  .map((offsets) =>
    [...offsets]
      .sort((a, b) => a - b)
      .map((afterMinutes, i) => ({ level: i + 1, afterMinutes, action: `level${i + 1}` })),
  )
const clockTarget = fc.record({ minutes, share, escalations, business: fc.boolean() }).map(
  (t): ClockTarget => ({
    targetMinutes: t.minutes,
    business: t.business,
    calendarKey: t.business ? 'berlin' : null,
    warningShare: t.share,
    escalations: t.escalations,
  }),
)
const calendarOf = (t: ClockTarget) => (t.business ? berlin : null)
/** Strictly increasing offsets (ms) after the start, for a script of events. */
const offsets = fc
  .uniqueArray(fc.integer({ min: 1, max: 40 * 86_400_000 }), { minLength: 1, maxLength: 12 })
  .map((xs) => [...xs].sort((a, b) => a - b))
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString()

describe('SLA clock: properties', () => {
  it('splitting time into more ticks announces exactly the same signals, in order, once each', () => {
    fc.assert(
      fc.property(instant, clockTarget, offsets, (start, t, steps) => {
        const cal = calendarOf(t)
        const begun = startClock({ startedAt: start, target: t }, start, cal).clock
        let clock = begun
        const split: ClockSignal[] = []
        for (const ms of steps) {
          const step = advanceClock(clock, { kind: 'tick' }, later(start, ms), cal)
          clock = step.clock
          split.push(...step.signals)
        }
        const once = advanceClock(begun, { kind: 'tick' }, later(start, steps.at(-1)!), cal)
        expect(split).toEqual(once.signals)
        expect(clock).toEqual(once.clock)
      }),
    )
  })

  it('a crossing is announced at the exact instant elapsed time reached its threshold', () => {
    fc.assert(
      fc.property(instant, clockTarget, fc.integer({ min: 1, max: 60 * 86_400_000 }), (start, t, ms) => {
        const cal = calendarOf(t)
        const begun = startClock({ startedAt: start, target: t }, start, cal).clock
        const step = advanceClock(begun, { kind: 'tick' }, later(start, ms), cal)
        for (const signal of step.signals) {
          if (signal.kind === 'met') continue
          const threshold =
            signal.kind === 'warning'
              ? Math.floor(t.warningShare * (t.targetMinutes * 60_000))
              : signal.kind === 'breached'
                ? t.targetMinutes * 60_000
                : (t.targetMinutes + t.escalations[signal.level - 1]!.afterMinutes) * 60_000
          expect(Math.round(elapsedMinutesAt(begun, signal.at, cal) * 60_000)).toBe(threshold)
        }
      }),
    )
  })

  it('elapsed time is business time since the start minus the pauses, and never decreases', () => {
    const script = fc.array(fc.constantFrom<ClockEvent['kind']>('tick', 'pause', 'resume'), {
      minLength: 1,
      maxLength: 12,
    })
    fc.assert(
      fc.property(instant, clockTarget, offsets, script, (start, t, steps, kinds) => {
        const cal = calendarOf(t)
        let clock = startClock({ startedAt: start, target: t }, start, cal).clock
        let previous = 0
        steps.forEach((ms, i) => {
          const now = later(start, ms)
          clock = advanceClock(clock, { kind: kinds[i % kinds.length]! } as ClockEvent, now, cal).clock
          const elapsed = elapsedMinutesAt(clock, now, cal)
          const pauses = [...clock.pauses, ...(clock.pausedAt ? [{ from: clock.pausedAt, to: now }] : [])]
          const paused = pauses.reduce(
            (sum, p) => sum + businessTimeBetween(new Date(p.from), new Date(p.to), cal),
            0,
          )
          const expected = businessTimeBetween(new Date(start), new Date(now), cal) - paused
          expect(Math.round(elapsed * 60_000)).toBe(Math.round(expected * 60_000))
          expect(elapsed).toBeGreaterThanOrEqual(previous)
          previous = elapsed
        })
      }),
    )
  })

  it('after any step the next event lies in the future, so a sweep never finds the same clock due twice', () => {
    const kinds = fc.array(
      fc.constantFrom<ClockEvent['kind']>('tick', 'pause', 'resume', 'stop', 'reactivate', 'retarget'),
      { minLength: 1, maxLength: 10 },
    )
    fc.assert(
      fc.property(instant, clockTarget, clockTarget, offsets, kinds, (start, t, other, steps, script) => {
        let clock = startClock({ startedAt: start, target: t }, start, calendarOf(t)).clock
        steps.forEach((ms, i) => {
          const now = later(start, ms)
          const kind = script[i % script.length]!
          const event: ClockEvent =
            kind === 'retarget'
              ? { kind, target: other, calendar: calendarOf(other) }
              : ({ kind } as ClockEvent)
          clock = advanceClock(clock, event, now, calendarOf(clock)).clock
          if (clock.nextEventAt !== null) expect(clock.nextEventAt > now).toBe(true)
          if (clock.pausedAt !== null || clock.stoppedAt !== null) expect(clock.nextEventAt).toBeNull()
        })
      }),
    )
  })

  it('a new target is measured from the original start: the deadline is start + target (+ pauses)', () => {
    fc.assert(
      fc.property(
        instant,
        clockTarget,
        clockTarget,
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        (start, t, next, ms) => {
          const begun = startClock({ startedAt: start, target: t }, start, calendarOf(t)).clock
          const now = later(start, ms)
          const { clock } = advanceClock(
            begun,
            { kind: 'retarget', target: next, calendar: calendarOf(next) },
            now,
            calendarOf(t),
          )
          const due = addBusinessTime(new Date(start), next.targetMinutes, calendarOf(next)).toISOString()
          expect(clock.dueAt).toBe(due)
          // Breached when either target had passed by then: the old one (announced by the tick before the
          // change) or the new one (at once).
          const oldDue = addBusinessTime(new Date(start), t.targetMinutes, calendarOf(t)).toISOString()
          expect(clock.breachedAt !== null).toBe(oldDue <= now || due <= now)
        },
      ),
    )
  })
})
