import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addBusinessTime,
  type BusinessCalendar,
  type BusinessHoursInterval,
  businessTimeBetween,
  createBusinessCalendar,
  isBusinessTime,
  nextBusinessStart,
  type WeeklyBusinessHours,
} from '../../src/domain/sla/business-calendar'
import { ValidationError } from '../../src/errors/rapport-error'

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000
const nineToFive: BusinessHoursInterval[] = [{ from: '09:00', to: '17:00' }]
const withLunch: BusinessHoursInterval[] = [
  { from: '09:00', to: '12:00' },
  { from: '13:00', to: '17:00' },
]
const weekdays = (hours: BusinessHoursInterval[]): WeeklyBusinessHours => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
})

const at = (iso: string) => new Date(iso)
const iso = (date: Date) => date.toISOString()

const berlin = createBusinessCalendar({ timeZone: 'Europe/Berlin', weekly: weekdays(nineToFive) })
const berlinWithHolidays = createBusinessCalendar({
  timeZone: 'Europe/Berlin',
  weekly: weekdays(nineToFive),
  holidays: ['2026-03-30', '2026-12-24', '2026-12-25', '2027-01-01', '2028-05-01'],
})
const newYork = createBusinessCalendar({
  timeZone: 'America/New_York',
  weekly: { ...weekdays(withLunch), sat: [{ from: '10:00', to: '14:00' }] },
  holidays: ['2026-07-03', '2026-11-26', '2026-12-25', '2027-07-05', '2028-01-17'],
})
const tokyo = createBusinessCalendar({
  timeZone: 'Asia/Tokyo',
  weekly: {
    ...weekdays([{ from: '08:30', to: '17:30' }]),
    sat: [{ from: '18:00', to: '24:00' }],
    sun: [{ from: '00:00', to: '06:00' }],
  },
  holidays: ['2026-01-01', '2026-05-05', '2027-01-01', '2028-01-01'],
})

/** Instants from 2024 to 2029, so every run crosses several DST changes and the holidays above. */
const instantAcrossYears = fc
  .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2029, 0, 1) })
  .map((ms) => new Date(ms))

describe('addBusinessTime: worked examples (Europe/Berlin, Mon–Fri 09:00–17:00)', () => {
  it('a Friday-afternoon start crosses the spring-forward weekend; Monday is UTC+02', () => {
    // Friday 2026-03-27 16:30 +01:00: 30 min on Friday, 7h30 on Monday 2026-03-30 from 09:00 +02:00.
    const due = addBusinessTime(at('2026-03-27T16:30:00+01:00'), 480, berlin)
    expect(iso(due)).toBe('2026-03-30T14:30:00.000Z') // 16:30 +02:00
  })

  it('a Friday-afternoon start crosses the fall-back weekend; Monday is UTC+01', () => {
    const due = addBusinessTime(at('2026-10-23T16:30:00+02:00'), 480, berlin)
    expect(iso(due)).toBe('2026-10-26T15:30:00.000Z') // 16:30 +01:00
  })

  it('a holiday on the Monday moves the deadline to Tuesday', () => {
    const due = addBusinessTime(at('2026-03-27T16:30:00+01:00'), 480, berlinWithHolidays)
    expect(iso(due)).toBe('2026-03-31T14:30:00.000Z') // Tuesday 16:30 +02:00
  })

  it('a start on a holiday counts from the next opening', () => {
    // Monday 2026-03-30 is a holiday: 60 min from its 10:00 lands on Tuesday 10:00.
    const due = addBusinessTime(at('2026-03-30T10:00:00+02:00'), 60, berlinWithHolidays)
    expect(iso(due)).toBe('2026-03-31T08:00:00.000Z')
  })

  it('a start before opening counts from the opening; a target ending at a closing returns it', () => {
    expect(iso(addBusinessTime(at('2026-06-01T06:00:00+02:00'), 60, berlin))).toBe('2026-06-01T08:00:00.000Z')
    expect(iso(addBusinessTime(at('2026-06-01T09:00:00+02:00'), 480, berlin))).toBe(
      '2026-06-01T15:00:00.000Z',
    )
    expect(iso(addBusinessTime(at('2026-06-01T09:00:00+02:00'), 481, berlin))).toBe(
      '2026-06-02T07:01:00.000Z',
    )
  })

  it('spans whole weeks: 400 hours from a Monday opening is ten working weeks later', () => {
    // 400h = 50 working days; no DST change between June and August.
    const due = addBusinessTime(at('2026-06-01T09:00:00+02:00'), 400 * 60, berlin)
    expect(iso(due)).toBe('2026-08-07T15:00:00.000Z') // Friday of the tenth week, 17:00 +02:00
  })

  it('keeps sub-minute precision, rounded to the millisecond', () => {
    const due = addBusinessTime(at('2026-06-01T09:00:00+02:00'), 1.5, berlin)
    expect(iso(due)).toBe('2026-06-01T07:01:30.000Z')
    expect(iso(addBusinessTime(at('2026-06-01T09:00:00+02:00'), 1 / 60_000 / 3, berlin))).toBe(
      '2026-06-01T07:00:00.000Z',
    )
  })

  it('zero minutes returns the start itself, even outside business hours', () => {
    const saturday = at('2026-06-06T12:00:00Z')
    expect(addBusinessTime(saturday, 0, berlin)).toBe(saturday)
  })

  it('rejects negative, NaN and infinite minutes and invalid dates with a RangeError', () => {
    const start = at('2026-06-01T09:00:00Z')
    for (const minutes of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addBusinessTime(start, minutes, berlin)).toThrow(RangeError)
      expect(() => addBusinessTime(start, minutes, null)).toThrow(RangeError)
    }
    expect(() => addBusinessTime(new Date(Number.NaN), 10, berlin)).toThrow(RangeError)
    expect(() => businessTimeBetween(start, new Date(Number.NaN), berlin)).toThrow(RangeError)
    expect(() => addBusinessTime(start, 1e13, berlin)).toThrow(RangeError)
  })
})

describe('split intervals (Europe/Berlin, 09:00–12:00 and 13:00–17:00)', () => {
  const split = createBusinessCalendar({ timeZone: 'Europe/Berlin', weekly: weekdays(withLunch) })

  it('skips the lunch break', () => {
    // 180 min in the morning, 60 after lunch.
    expect(iso(addBusinessTime(at('2026-06-01T08:00:00+02:00'), 240, split))).toBe('2026-06-01T12:00:00.000Z')
    // Exactly the morning: ends at the 12:00 closing, not at the 13:00 reopening.
    expect(iso(addBusinessTime(at('2026-06-01T09:00:00+02:00'), 180, split))).toBe('2026-06-01T10:00:00.000Z')
  })

  it('a start inside the lunch break counts from 13:00', () => {
    const lunch = at('2026-06-01T12:30:00+02:00')
    expect(isBusinessTime(lunch, split)).toBe(false)
    expect(iso(nextBusinessStart(lunch, split))).toBe('2026-06-01T11:00:00.000Z')
    expect(iso(addBusinessTime(lunch, 30, split))).toBe('2026-06-01T11:30:00.000Z')
    expect(businessTimeBetween(lunch, at('2026-06-01T13:15:00+02:00'), split)).toBe(15)
  })

  it('touching intervals behave as one', () => {
    const touching = createBusinessCalendar({
      timeZone: 'Europe/Berlin',
      weekly: weekdays([
        { from: '12:00', to: '17:00' },
        { from: '09:00', to: '12:00' },
      ]),
    })
    expect(isBusinessTime(at('2026-06-01T12:00:00+02:00'), touching)).toBe(true)
    expect(
      businessTimeBetween(at('2026-06-01T00:00:00+02:00'), at('2026-06-02T00:00:00+02:00'), touching),
    ).toBe(480)
  })
})

describe('DST dates (America/New_York, 2026-03-08 and 2026-11-01)', () => {
  const newYorkWeekdays = createBusinessCalendar({
    timeZone: 'America/New_York',
    weekly: weekdays(nineToFive),
  })

  it('Friday to Monday across spring-forward: Monday is UTC-04', () => {
    const due = addBusinessTime(at('2026-03-06T16:30:00-05:00'), 480, newYorkWeekdays)
    expect(iso(due)).toBe('2026-03-09T20:30:00.000Z') // 16:30 -04:00
  })

  it('Friday to Monday across fall-back: Monday is UTC-05', () => {
    const due = addBusinessTime(at('2026-10-30T16:30:00-04:00'), 480, newYorkWeekdays)
    expect(iso(due)).toBe('2026-11-02T21:30:00.000Z') // 16:30 -05:00
  })

  it('a whole-day Sunday lasts 23h on 2026-03-08 and 25h on 2026-11-01', () => {
    const sundays = createBusinessCalendar({
      timeZone: 'America/New_York',
      weekly: { sun: [{ from: '00:00', to: '24:00' }] },
    })
    const spring = businessTimeBetween(at('2026-03-07T12:00:00Z'), at('2026-03-10T12:00:00Z'), sundays)
    const autumn = businessTimeBetween(at('2026-10-31T12:00:00Z'), at('2026-11-03T12:00:00Z'), sundays)
    expect([spring, autumn]).toEqual([23 * 60, 25 * 60])
  })

  it('an interval 01:00–04:00 loses an hour on spring-forward and gains one on fall-back', () => {
    const nights = createBusinessCalendar({
      timeZone: 'America/New_York',
      weekly: { sun: [{ from: '01:00', to: '04:00' }] },
    })
    const sundayNight = (day: string) =>
      businessTimeBetween(at(`${day}T00:00:00Z`), at(`${day}T23:00:00Z`), nights)
    expect(sundayNight('2026-03-01')).toBe(180)
    expect(sundayNight('2026-03-08')).toBe(120)
    expect(sundayNight('2026-11-01')).toBe(240)
  })
})

describe('DST inside an interval (Europe/Berlin, Sunday 01:00–04:00)', () => {
  const nights = createBusinessCalendar({
    timeZone: 'Europe/Berlin',
    weekly: { sun: [{ from: '01:00', to: '04:00' }] },
  })
  const saturdayNoon = at('2026-03-28T12:00:00Z')

  it('spring-forward (2026-03-29 02:00→03:00): the interval is 2h, from 01:00 +01:00 to 04:00 +02:00', () => {
    expect(iso(nextBusinessStart(saturdayNoon, nights))).toBe('2026-03-29T00:00:00.000Z')
    expect(iso(addBusinessTime(saturdayNoon, 120, nights))).toBe('2026-03-29T02:00:00.000Z')
    // One more minute is the next Sunday's first minute.
    expect(iso(addBusinessTime(saturdayNoon, 121, nights))).toBe('2026-04-04T23:01:00.000Z')
    expect(isBusinessTime(at('2026-03-29T01:59:59.999Z'), nights)).toBe(true)
    expect(isBusinessTime(at('2026-03-29T02:00:00Z'), nights)).toBe(false)
  })

  it('fall-back (2026-10-25 03:00→02:00): the interval is 4h, from 01:00 +02:00 to 04:00 +01:00', () => {
    const start = at('2026-10-24T12:00:00Z')
    expect(iso(nextBusinessStart(start, nights))).toBe('2026-10-24T23:00:00.000Z')
    expect(iso(addBusinessTime(start, 240, nights))).toBe('2026-10-25T03:00:00.000Z')
  })

  it('an opening inside the gap moves forward by the gap; an ambiguous one takes the earlier instant', () => {
    const lateNights = createBusinessCalendar({
      timeZone: 'Europe/Berlin',
      weekly: { sun: [{ from: '02:30', to: '05:00' }] },
    })
    // 02:30 does not exist on 2026-03-29: it opens at 03:30 +02:00 and lasts until 05:00 +02:00.
    expect(iso(nextBusinessStart(saturdayNoon, lateNights))).toBe('2026-03-29T01:30:00.000Z')
    expect(businessTimeBetween(saturdayNoon, at('2026-03-30T00:00:00Z'), lateNights)).toBe(90)
    // 02:30 happens twice on 2026-10-25: it opens at the first (+02:00) and closes at 05:00 +01:00.
    const october = at('2026-10-24T12:00:00Z')
    expect(iso(nextBusinessStart(october, lateNights))).toBe('2026-10-25T00:30:00.000Z')
    expect(businessTimeBetween(october, at('2026-10-26T00:00:00Z'), lateNights)).toBe(210)
  })

  it('an interval wholly inside the gap is closed that day and open on others', () => {
    const gapOnly = createBusinessCalendar({
      timeZone: 'Europe/Berlin',
      weekly: { sun: [{ from: '02:10', to: '02:50' }] },
    })
    // Both ends move forward by an hour: 03:10–03:50 +02:00.
    expect(businessTimeBetween(saturdayNoon, at('2026-03-30T00:00:00Z'), gapOnly)).toBe(40)
    expect(iso(nextBusinessStart(saturdayNoon, gapOnly))).toBe('2026-03-29T01:10:00.000Z')
  })
})

describe("'24:00' and intervals across midnight (Asia/Tokyo: Sat 18:00–24:00, Sun 00:00–06:00)", () => {
  it('counts straight through Saturday midnight', () => {
    const start = at('2026-06-06T23:00:00+09:00')
    expect(iso(addBusinessTime(start, 120, tokyo))).toBe('2026-06-06T16:00:00.000Z') // Sunday 01:00 JST
    expect(businessTimeBetween(at('2026-06-06T18:00:00+09:00'), at('2026-06-07T06:00:00+09:00'), tokyo)).toBe(
      720,
    )
    expect(isBusinessTime(at('2026-06-06T23:59:59.999+09:00'), tokyo)).toBe(true)
    expect(isBusinessTime(at('2026-06-07T06:00:00+09:00'), tokyo)).toBe(false)
  })

  it('a target that ends exactly at 24:00 returns midnight', () => {
    const sundays = createBusinessCalendar({
      timeZone: 'Asia/Tokyo',
      weekly: { sat: [{ from: '18:00', to: '24:00' }] },
    })
    expect(iso(addBusinessTime(at('2026-06-06T18:00:00+09:00'), 360, sundays))).toBe(
      '2026-06-06T15:00:00.000Z',
    )
  })
})

describe('businessTimeBetween and friends: examples', () => {
  it('Friday 16:30 to Monday 09:15 is 45 minutes; reversed it is -45', () => {
    const friday = at('2026-03-27T16:30:00+01:00')
    const monday = at('2026-03-30T09:15:00+02:00')
    expect(businessTimeBetween(friday, monday, berlin)).toBe(45)
    expect(businessTimeBetween(monday, friday, berlin)).toBe(-45)
    expect(businessTimeBetween(friday, friday, berlin)).toBe(0)
  })

  it('without a calendar the clock runs 24×7', () => {
    const saturday = at('2026-06-06T12:00:00Z')
    expect(isBusinessTime(saturday, null)).toBe(true)
    expect(nextBusinessStart(saturday, null)).toBe(saturday)
    expect(businessTimeBetween(saturday, at('2026-06-07T12:00:30Z'), null)).toBe(1440.5)
  })

  it('nextBusinessStart returns the instant itself inside business time and skips a holiday week', () => {
    const inside = at('2026-06-01T10:00:00+02:00')
    expect(nextBusinessStart(inside, berlin)).toBe(inside)
    const christmas = createBusinessCalendar({
      timeZone: 'Europe/Berlin',
      weekly: weekdays(nineToFive),
      holidays: ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25', '2026-12-28'],
    })
    expect(iso(nextBusinessStart(at('2026-12-18T18:00:00+01:00'), christmas))).toBe(
      '2026-12-29T08:00:00.000Z',
    )
  })

  it('a skipped local date (Pacific/Apia, 2011-12-30) counts only the time that existed', () => {
    const always = createBusinessCalendar({
      timeZone: 'Pacific/Apia',
      weekly: Object.fromEntries(
        (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => [
          day,
          [{ from: '00:00', to: '24:00' }],
        ]),
      ),
    })
    const before = at('2011-12-29T00:00:00-10:00')
    const after = at('2011-12-31T00:00:00+14:00')
    expect(businessTimeBetween(before, after, always)).toBe(24 * 60)
    expect(iso(addBusinessTime(before, 24 * 60, always))).toBe(iso(after))
  })

  it('stays exact when a span outgrows the caches (twelve years)', () => {
    const start = at('2020-01-06T09:00:00+01:00')
    const due = addBusinessTime(start, 25_000 * 60, berlinWithHolidays)
    expect(due.getUTCFullYear()).toBe(2032)
    expect(businessTimeBetween(start, due, berlinWithHolidays)).toBe(25_000 * 60)
  })
})

describe('createBusinessCalendar: validation', () => {
  const invalid: [string, unknown][] = [
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons', weekly: weekdays(nineToFive) }],
    ['a missing time zone', { weekly: weekdays(nineToFive) }],
    [
      'overlapping intervals',
      {
        timeZone: 'UTC',
        weekly: {
          mon: [
            { from: '09:00', to: '12:00' },
            { from: '11:00', to: '13:00' },
          ],
        },
      },
    ],
    ['from equal to to', { timeZone: 'UTC', weekly: { mon: [{ from: '09:00', to: '09:00' }] } }],
    ['from after to', { timeZone: 'UTC', weekly: { mon: [{ from: '17:00', to: '09:00' }] } }],
    ["an unpadded 'H:mm'", { timeZone: 'UTC', weekly: { mon: [{ from: '9:00', to: '17:00' }] } }],
    ["'24:30'", { timeZone: 'UTC', weekly: { mon: [{ from: '09:00', to: '24:30' }] } }],
    ["a minute of '60'", { timeZone: 'UTC', weekly: { mon: [{ from: '09:60', to: '17:00' }] } }],
    ["'24:00' as an opening", { timeZone: 'UTC', weekly: { mon: [{ from: '24:00', to: '24:00' }] } }],
    ['no intervals at all', { timeZone: 'UTC', weekly: {} }],
    ['only empty days', { timeZone: 'UTC', weekly: { mon: [], sat: [] } }],
    ['an unknown weekday', { timeZone: 'UTC', weekly: { monday: nineToFive } }],
    [
      'a date that does not exist',
      { timeZone: 'UTC', weekly: weekdays(nineToFive), holidays: ['2026-02-30'] },
    ],
    [
      'a holiday that is not YYYY-MM-DD',
      { timeZone: 'UTC', weekly: weekdays(nineToFive), holidays: ['25.12.2026'] },
    ],
    ['not an object', 'Europe/Berlin'],
  ]

  it.each(invalid)('rejects %s with a ValidationError', (_, definition) => {
    const error = captureError(() => createBusinessCalendar(definition))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).code).toBe('validation')
    expect((error as ValidationError).issues.length).toBeGreaterThan(0)
  })

  it('names the overlapping interval in the issue path', () => {
    const error = captureError(() =>
      createBusinessCalendar({
        timeZone: 'UTC',
        weekly: {
          tue: [
            { from: '13:00', to: '17:00' },
            { from: '09:00', to: '13:30' },
          ],
        },
      }),
    ) as ValidationError
    expect(error.issues[0]?.path).toEqual(['weekly', 'tue', 0])
  })

  it('reports every interval that overlaps an earlier one, not just the next in line', () => {
    const error = captureError(() =>
      createBusinessCalendar({
        timeZone: 'UTC',
        weekly: {
          wed: [
            { from: '09:00', to: '17:00' },
            { from: '10:00', to: '11:00' },
            { from: '12:00', to: '13:00' },
          ],
        },
      }),
    ) as ValidationError
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['weekly', 'wed', 1],
      ['weekly', 'wed', 2],
    ])
  })

  it('accepts touching intervals and keeps the definition', () => {
    const calendar = createBusinessCalendar({ timeZone: 'Asia/Tokyo', weekly: weekdays(withLunch) })
    expect(calendar.timeZone).toBe('Asia/Tokyo')
    expect(calendar.definition.weekly.mon).toEqual(withLunch)
  })
})

describe('properties', () => {
  const calendars: [string, BusinessCalendar][] = [
    ['Europe/Berlin', berlinWithHolidays],
    ['America/New_York', newYork],
    ['Asia/Tokyo', tokyo],
  ]

  it.each(calendars)('%s: businessTimeBetween(a, addBusinessTime(a, m)) === m', (_, calendar) => {
    fc.assert(
      fc.property(instantAcrossYears, fc.integer({ min: 0, max: 100_000 }), (start, minutes) => {
        const due = addBusinessTime(start, minutes, calendar)
        expect(businessTimeBetween(start, due, calendar)).toBe(minutes)
        // The deadline is the end of business time, never a later moment of closed time.
        if (minutes > 0) expect(isBusinessTime(new Date(due.getTime() - 1), calendar)).toBe(true)
      }),
      { numRuns: 400 },
    )
  })

  it.each(calendars)('%s: addBusinessTime is monotonic in minutes and in the start', (_, calendar) => {
    fc.assert(
      fc.property(
        instantAcrossYears,
        fc.integer({ min: 0, max: 30 * DAY_MS }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        (start, delayMs, m1, m2) => {
          const [fewer, more] = m1 <= m2 ? [m1, m2] : [m2, m1]
          expect(addBusinessTime(start, fewer, calendar).getTime()).toBeLessThanOrEqual(
            addBusinessTime(start, more, calendar).getTime(),
          )
          const later = new Date(start.getTime() + delayMs)
          expect(addBusinessTime(start, m1, calendar).getTime()).toBeLessThanOrEqual(
            addBusinessTime(later, m1, calendar).getTime(),
          )
        },
      ),
      { numRuns: 300 },
    )
  })

  it.each(calendars)('%s: businessTimeBetween is additive and antisymmetric', (_, calendar) => {
    fc.assert(
      fc.property(instantAcrossYears, instantAcrossYears, instantAcrossYears, (a, b, c) => {
        const ms = (from: Date, to: Date) => Math.round(businessTimeBetween(from, to, calendar) * MINUTE_MS)
        expect(ms(a, b) + ms(b, c)).toBe(ms(a, c))
        expect(ms(b, a) + ms(a, b)).toBe(0)
      }),
      { numRuns: 300 },
    )
  })

  it.each(calendars)(
    '%s: nextBusinessStart is business time with no business time before it',
    (_, calendar) => {
      fc.assert(
        fc.property(instantAcrossYears, (instant) => {
          const next = nextBusinessStart(instant, calendar)
          expect(isBusinessTime(next, calendar)).toBe(true)
          expect(businessTimeBetween(instant, next, calendar)).toBe(0)
          expect(next.getTime() === instant.getTime()).toBe(isBusinessTime(instant, calendar))
        }),
        { numRuns: 300 },
      )
    },
  )

  it.each(calendars)(
    '%s: agrees minute by minute with a wall-clock oracle around DST changes',
    (zone, calendar) => {
      const oracle = wallClockOracle(zone, calendar)
      const nearDstChange = fc
        .tuple(fc.constantFrom(...DST_CHANGES), fc.integer({ min: -3 * DAY_MS, max: DAY_MS }))
        .map(([change, offset]) => new Date(Date.parse(change) + offset))
      fc.assert(
        fc.property(
          fc.oneof(instantAcrossYears, nearDstChange),
          fc.integer({ min: 0, max: 4 * DAY_MS }),
          (from, spanMs) => {
            const to = new Date(from.getTime() + spanMs)
            expect(Math.round(businessTimeBetween(from, to, calendar) * MINUTE_MS)).toBe(oracle(from, to))
          },
        ),
        { numRuns: 60 },
      )
    },
  )

  it('random calendars in zones with DST at midnight or half-hour DST keep the round trip', () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 0, max: 100_000 }),
        (definition, startMs, minutes) => {
          const calendar = createBusinessCalendar(definition)
          const start = new Date(startMs)
          const due = addBusinessTime(start, minutes, calendar)
          expect(businessTimeBetween(start, due, calendar)).toBe(minutes)
          expect(due.getTime()).toBeGreaterThanOrEqual(startMs + minutes * MINUTE_MS)
          if (minutes > 0) expect(isBusinessTime(new Date(due.getTime() - 1), calendar)).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('null calendar is plain 24×7 arithmetic', () => {
    fc.assert(
      fc.property(
        instantAcrossYears,
        instantAcrossYears,
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (a, b, m) => {
          expect(addBusinessTime(a, m, null).getTime()).toBe(a.getTime() + Math.round(m * MINUTE_MS))
          expect(businessTimeBetween(a, b, null)).toBe((b.getTime() - a.getTime()) / MINUTE_MS)
        },
      ),
      { numRuns: 300 },
    )
  })
})

/** Transitions of the fixture zones in 2026–2027 (start of the DST-change day, UTC). */
const DST_CHANGES = [
  '2026-03-08T00:00:00Z',
  '2026-03-29T00:00:00Z',
  '2026-10-25T00:00:00Z',
  '2026-11-01T00:00:00Z',
  '2027-03-14T00:00:00Z',
  '2027-03-28T00:00:00Z',
  '2027-10-31T00:00:00Z',
  '2027-11-07T00:00:00Z',
]

/**
 * An independent, slow model: a minute is business time when its local wall clock (read with Intl) lies in
 * an interval of its weekday and its date is not a holiday. It matches the calendar whenever no interval
 * starts or ends inside a DST gap or overlap, which holds for the fixtures. Returns ms in [from, to).
 */
function wallClockOracle(timeZone: string, calendar: BusinessCalendar): (from: Date, to: Date) => number {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
  const holidays = new Set(calendar.definition.holidays ?? [])
  const isOpen = (instantMs: number) => {
    const parts = Object.fromEntries(format.formatToParts(instantMs).map((part) => [part.type, part.value]))
    const day = parts.weekday!.toLowerCase().slice(0, 3) as keyof WeeklyBusinessHours
    const time = `${parts.hour}:${parts.minute}`
    if (holidays.has(`${parts.year}-${parts.month}-${parts.day}`)) return false
    return (calendar.definition.weekly[day] ?? []).some(
      (interval) => interval.from <= time && time < interval.to,
    )
  }
  return (from, to) => {
    let businessMs = 0
    // Every zone here has whole-minute offsets, so openings fall on whole UTC minutes.
    for (
      let minute = Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS;
      minute < to.getTime();
      minute += MINUTE_MS
    ) {
      if (!isOpen(minute)) continue
      businessMs += Math.min(minute + MINUTE_MS, to.getTime()) - Math.max(minute, from.getTime())
    }
    return businessMs
  }
}

/** Random valid definitions: up to three non-overlapping intervals a day, some holidays, awkward zones. */
const calendarArbitrary = fc
  .record({
    timeZone: fc.constantFrom(
      'America/Santiago', // DST changes at midnight: some dates start at 01:00
      'America/Havana', // likewise
      'Australia/Lord_Howe', // half-hour DST
      'Europe/London',
      'America/Sao_Paulo',
      'Pacific/Apia', // skipped 2011-12-30 entirely
      'Africa/Casablanca', // DST suspended for Ramadan
    ),
    weekly: fc.record(
      {
        mon: dayArbitrary(),
        tue: dayArbitrary(),
        wed: dayArbitrary(),
        thu: dayArbitrary(),
        fri: dayArbitrary(),
        sat: dayArbitrary(),
        sun: dayArbitrary(),
      },
      { requiredKeys: ['mon'] },
    ),
    holidays: fc.array(
      fc
        .date({ min: new Date('2010-01-01'), max: new Date('2031-01-01'), noInvalidDate: true })
        .map((d) => iso(d).slice(0, 10)),
      { maxLength: 30 },
    ),
  })
  .filter((definition) => Object.values(definition.weekly).some((day) => day !== undefined && day.length > 0))

function dayArbitrary(): fc.Arbitrary<BusinessHoursInterval[]> {
  // Distinct sorted minute marks (0..1440) paired up give sorted, non-overlapping intervals.
  return fc
    .uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 })
    .map((marks) => {
      const sorted = [...marks].sort((a, b) => a - b)
      const intervals: BusinessHoursInterval[] = []
      for (let i = 0; i + 1 < sorted.length; i += 2) {
        intervals.push({ from: wallClock(sorted[i]!), to: wallClock(sorted[i + 1]!) })
      }
      return intervals
    })
    .filter((intervals) => intervals.every((interval) => interval.from !== '24:00'))
}

function wallClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

function captureError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('Expected an error')
}
