import type { BusinessCalendarDefinition } from '@rapport/core'

/** The key the clinic's calendar is stored under in every clinic (tenant). */
export const CLINIC_HOURS_KEY = 'clinic-hours'

const day = [{ from: '08:00', to: '18:00' }]

/**
 * When the front desk answers the phone: weekdays 08:00–18:00 Berlin time, closed on Berlin's public
 * holidays. The zone makes the hours follow the DST changes; holidays are local dates.
 */
export const CLINIC_HOURS: BusinessCalendarDefinition = {
  timeZone: 'Europe/Berlin',
  weekly: { mon: day, tue: day, wed: day, thu: day, fri: day },
  holidays: [
    '2026-01-01', // New Year
    '2026-04-03', // Good Friday
    '2026-04-06', // Easter Monday
    '2026-05-01', // Labour Day
    '2026-05-14', // Ascension
    '2026-05-25', // Whit Monday
    '2026-12-25', // Christmas Day
    '2026-12-26', // Boxing Day (a Saturday in 2026)
  ],
}
