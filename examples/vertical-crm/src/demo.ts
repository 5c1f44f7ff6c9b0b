import type { StoragePort } from '@rapport/core/storage'
import { createClinicCrm } from './clinic-crm'
import { DemoClock } from './demo-clock'
import { type ClinicFigures, clinicFigures } from './demo-figures'
import { berlinTime, clinicReport } from './demo-report'
import { DEMO_END, DEMO_START, dentalKreuzbergWeek, smileMitteWeek } from './demo-story'

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Where the clinics' data goes; `runDemo` closes it at the end. */
  readonly adapter: StoragePort
  /**
   * Tenant ids of the two clinics.
   * @default ['smile-mitte', 'dental-kreuzberg']
   */
  readonly clinicIds?: readonly [string, string]
  /**
   * Where each line of the report goes.
   * @default nowhere: only the figures are returned
   * @example (line) => console.log(line)
   */
  readonly print?: (line: string) => void
}

/** The demo's figures: both clinics as of the end of the story. */
export interface DemoFigures {
  readonly asOf: string
  readonly clinics: readonly ClinicFigures[]
}

/**
 * Runs the clinic demo: two clinics on one database, a week of patients, treatments and call-backs on a
 * simulated clock (Thursday 19 to Monday 23 November 2026, Berlin), then a report of each clinic. Migrates
 * the database first; the clinics must be new (empty) tenants for the figures to be the story's.
 *
 * @example
 * ```ts
 * const figures = await runDemo({ adapter: sqliteAdapter({ filename: ':memory:' }), print: console.log })
 * figures.clinics[0]?.overdue // ['Dana Eck']
 * ```
 */
export async function runDemo(options: DemoOptions): Promise<DemoFigures> {
  const [mitteId, kreuzbergId] = options.clinicIds ?? ['smile-mitte', 'dental-kreuzberg']
  const print = options.print ?? (() => {})
  const clock = new DemoClock(DEMO_START)
  const software = createClinicCrm({ adapter: options.adapter, clock })
  try {
    await software.migrate()
    const mitte = software.clinic(mitteId)
    const kreuzberg = software.clinic(kreuzbergId)
    await smileMitteWeek(mitte, clock)
    await dentalKreuzbergWeek(kreuzberg, clock)
    clock.set(DEMO_END)
    const clinics = [
      await clinicFigures(mitte, mitteId, 'Smile Mitte'),
      await clinicFigures(kreuzberg, kreuzbergId, 'Dental Kreuzberg'),
    ]
    print(`Rapport clinic demo, as of ${berlinTime(DEMO_END)} (Berlin)`)
    for (const clinic of clinics) print(['', ...clinicReport(clinic)].join('\n'))
    return { asOf: DEMO_END.toISOString(), clinics }
  } finally {
    await software.close()
  }
}
