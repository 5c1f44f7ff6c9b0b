/**
 * SLA business-calendar benchmark: µs per call of addBusinessTime (8h and 400h targets) and of
 * businessTimeBetween (1-day and 60-day spans), against a naive hour-stepping reference built on TZDate.
 *
 * Run from the repository root: `npx tsx bench/sla-calendar.ts`. Prints a table; asserts nothing.
 */
import { TZDate } from '@date-fns/tz'
import {
  addBusinessTime,
  type BusinessCalendarDefinition,
  businessTimeBetween,
  createBusinessCalendar,
} from '../packages/core/src/domain/sla/business-calendar'

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000
const nineToFive = [{ from: '09:00', to: '17:00' }]
const definition: BusinessCalendarDefinition = {
  timeZone: 'Europe/Berlin',
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-01',
    '2026-05-14',
    '2026-05-25',
    '2026-10-03',
  ],
}
const calendar = createBusinessCalendar(definition)

/** Deterministic pseudo-random starts in 2026 (mulberry32), so runs compare like with like. */
function randomStarts(count: number, seed: number): Date[] {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const from = Date.UTC(2026, 0, 1)
  return Array.from({ length: count }, () => new Date(from + Math.floor(next() * 365 * DAY_MS)))
}

/** Mean µs per call: one warm-up pass, then whole passes over the inputs until `budgetMs` has elapsed. */
function microsPerCall<T>(inputs: readonly T[], run: (input: T) => unknown, budgetMs: number): number {
  let sink = 0
  for (const input of inputs) sink += Number(Boolean(run(input)))
  let calls = 0
  const started = performance.now()
  let elapsed = 0
  while (elapsed < budgetMs) {
    for (const input of inputs) sink += Number(Boolean(run(input)))
    calls += inputs.length
    elapsed = performance.now() - started
  }
  if (sink < 0) console.log(sink) // keeps the calls observable
  return (elapsed * 1000) / calls
}

/**
 * The naive reference: walks forward one local hour at a time, reading the wall clock through a new TZDate
 * at every step, counting the minutes of each step that fall in business hours. It is exact only when
 * intervals start and end on whole hours, which the bench calendar's do.
 */
function naiveAddBusinessTime(start: Date, minutes: number, reference: BusinessCalendarDefinition): Date {
  const holidays = new Set(reference.holidays ?? [])
  const weekdayKeys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
  let instantMs = start.getTime()
  let remainingMinutes = minutes
  while (remainingMinutes > 0) {
    const local = new TZDate(instantMs, reference.timeZone)
    const minutesToNextHour = 60 - local.getMinutes() - (local.getSeconds() > 0 ? 1 : 0)
    const stepMs = minutesToNextHour * MINUTE_MS - local.getSeconds() * 1000 - local.getMilliseconds()
    const date = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`
    const time = `${pad(local.getHours())}:${pad(local.getMinutes())}`
    const intervals = reference.weekly[weekdayKeys[local.getDay()]!] ?? []
    const open =
      !holidays.has(date) && intervals.some((interval) => interval.from <= time && time < interval.to)
    if (open && remainingMinutes * MINUTE_MS <= stepMs)
      return new Date(instantMs + remainingMinutes * MINUTE_MS)
    if (open) remainingMinutes -= stepMs / MINUTE_MS
    instantMs += stepMs
  }
  return new Date(instantMs)
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

const starts = randomStarts(2000, 20260327)
const naiveStarts = starts.slice(0, 100)
const EIGHT_HOURS = 8 * 60
const FOUR_HUNDRED_HOURS = 400 * 60

// The reference is only a yardstick if it agrees with the real thing.
const disagreements = naiveStarts.filter(
  (start) =>
    naiveAddBusinessTime(start, EIGHT_HOURS, definition).getTime() !==
    addBusinessTime(start, EIGHT_HOURS, calendar).getTime(),
).length

const add8h = microsPerCall(starts, (start) => addBusinessTime(start, EIGHT_HOURS, calendar), 500)
const add400h = microsPerCall(starts, (start) => addBusinessTime(start, FOUR_HUNDRED_HOURS, calendar), 500)
const naive8h = microsPerCall(
  naiveStarts,
  (start) => naiveAddBusinessTime(start, EIGHT_HOURS, definition),
  1000,
)
const naive400h = microsPerCall(
  naiveStarts.slice(0, 10),
  (start) => naiveAddBusinessTime(start, FOUR_HUNDRED_HOURS, definition),
  2000,
)
const oneDaySpans = starts.map((start) => [start, new Date(start.getTime() + DAY_MS)] as const)
const sixtyDaySpans = starts.map((start) => [start, new Date(start.getTime() + 60 * DAY_MS)] as const)
const between1d = microsPerCall(oneDaySpans, ([from, to]) => businessTimeBetween(from, to, calendar), 500)
const between60d = microsPerCall(sixtyDaySpans, ([from, to]) => businessTimeBetween(from, to, calendar), 500)

// Cold: dates the calendar has not resolved yet, so each one costs an Intl offset look-up first. The
// starts lie weeks apart in later years, so no call reuses another's dates.
const createStarted = performance.now()
for (let i = 0; i < 200; i++) createBusinessCalendar(definition)
const create = ((performance.now() - createStarted) * 1000) / 200

function microsOnUncachedDates(minutes: number, strideDays: number): number {
  const coldCalendar = createBusinessCalendar(definition)
  const startAt = (year: number, i: number) =>
    new Date(Date.UTC(year, 0, 1) + i * strideDays * DAY_MS + i * 3_700_000)
  for (let i = 0; i < 100; i++) addBusinessTime(startAt(1990, i), minutes, coldCalendar) // JIT warm-up
  const calls = 300
  const started = performance.now()
  for (let i = 0; i < calls; i++) addBusinessTime(startAt(2040, i), minutes, coldCalendar)
  return ((performance.now() - started) * 1000) / calls
}
const cold8h = microsOnUncachedDates(EIGHT_HOURS, 11)
const cold400h = microsOnUncachedDates(FOUR_HUNDRED_HOURS, 101)

const micros = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} µs`
const rows: [string, string, string][] = [
  ['addBusinessTime 8h', micros(add8h), micros(naive8h)],
  ['addBusinessTime 400h', micros(add400h), micros(naive400h)],
  ['400h / 8h ratio', `${(add400h / add8h).toFixed(2)}×`, `${(naive400h / naive8h).toFixed(1)}×`],
  ['speedup 8h', `${(naive8h / add8h).toFixed(0)}×`, ''],
  ['speedup 400h', `${(naive400h / add400h).toFixed(0)}×`, ''],
  ['businessTimeBetween 1 day', micros(between1d), ''],
  ['businessTimeBetween 60 days', micros(between60d), ''],
  ['createBusinessCalendar', micros(create), ''],
  ['addBusinessTime 8h, dates not cached', micros(cold8h), ''],
  ['addBusinessTime 400h, dates not cached', micros(cold400h), ''],
]

console.log('SLA business calendar — Europe/Berlin, Mon–Fri 09:00–17:00, 7 holidays, random starts in 2026')
console.log(`Node ${process.version}; warm caches unless the row says otherwise.`)
console.log('Reference: naive walk one local hour per step, a new TZDate per step (@date-fns/tz).\n')
console.log(`${'measure'.padEnd(38)}${'rapport'.padStart(12)}${'naive ref'.padStart(14)}`)
for (const [label, ours, naive] of rows)
  console.log(`${label.padEnd(38)}${ours.padStart(12)}${naive.padStart(14)}`)
console.log(`\nReference disagreements on ${naiveStarts.length} 8h starts: ${disagreements}`)
