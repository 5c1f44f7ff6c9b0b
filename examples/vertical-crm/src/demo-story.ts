import type { Clinic } from './clinic'
import type { DemoClock } from './demo-clock'

/** The demo starts on Thursday 19 November 2026, 09:00 in Berlin. */
export const DEMO_START = new Date('2026-11-19T08:00:00Z')

/** …and ends on Monday 23 November 2026, 12:00 in Berlin. */
export const DEMO_END = new Date('2026-11-23T11:00:00Z')

const daysBeforeStart = (days: number) => new Date(DEMO_START.getTime() - days * 86_400_000)

/**
 * Smile Mitte's week: four patients, their visit history and treatments, and four call-back requests from
 * Friday to Monday: one answered in time on Friday, one asked after hours on Friday and answered on Monday
 * morning, one urgent answered late, one not answered yet. Times in comments are Berlin time (CET).
 */
export async function smileMitteWeek(clinic: Clinic, clock: DemoClock): Promise<void> {
  const anna = await clinic.registerPatient({
    firstName: 'Anna',
    lastName: 'Berg',
    email: 'anna.berg@example.de',
    remindersByEmail: true,
    details: { insurance: 'private', allergies: ['penicillin'] },
  })
  const ben = await clinic.registerPatient({
    firstName: 'Ben',
    lastName: 'Cho',
    email: 'ben.cho@example.de',
    remindersByEmail: false,
  })
  const cem = await clinic.registerPatient({
    firstName: 'Cem',
    lastName: 'Demir',
    email: 'cem.demir@example.de',
    remindersByEmail: true,
  })
  const dana = await clinic.registerPatient({ firstName: 'Dana', lastName: 'Eck', phone: '+49 30 5550123' })

  await clinic.recordVisit(anna.id, { kind: 'checkup', at: daysBeforeStart(200), dentist: 'Dr. Roth' })
  await clinic.recordVisit(ben.id, { kind: 'hygiene', at: daysBeforeStart(30), dentist: 'Dr. Roth' })
  await clinic.recordVisit(cem.id, { kind: 'checkup', at: daysBeforeStart(400), dentist: 'Dr. Yilmaz' })
  await clinic.recordVisit(cem.id, { kind: 'emergency', at: daysBeforeStart(10), dentist: 'Dr. Yilmaz' })

  const implant = await clinic.enquire(anna.id, 'implant', 'Implant 36')
  await clinic.advance(implant.id, 'consultation', 'Dr. Roth')
  await clinic.planTreatment(implant.id, 2_400_00, 'Dr. Roth')
  const crown = await clinic.enquire(cem.id, 'crown', 'Crown 26')
  await clinic.advance(crown.id, 'consultation', 'Dr. Yilmaz')
  await clinic.enquire(ben.id, 'whitening', 'Whitening')
  const rootCanal = await clinic.enquire(ben.id, 'rootCanal', 'Root canal 46')
  await clinic.advance(rootCanal.id, 'consultation', 'Dr. Roth')
  await clinic.planTreatment(rootCanal.id, 900_00, 'Dr. Roth')
  await clinic.recordConsentForm(rootCanal.id)
  await clinic.advance(rootCanal.id, 'treatment', 'Dr. Roth')
  await clinic.advance(rootCanal.id, 'recall', 'Dr. Roth')

  clock.set('2026-11-20T09:00:00Z') // Friday 10:00
  const estimate = await clinic.requestCallBack(anna.id, 'Question about the implant estimate')
  clock.set('2026-11-20T10:15:00Z') // Friday 11:15
  await clinic.callBack(estimate.caseId, 'Went through the estimate line by line', 'Mia (front desk)')
  clock.set('2026-11-20T16:30:00Z') // Friday 17:30, half an hour before closing
  const crownCall = await clinic.requestCallBack(cem.id, 'The new crown feels high')
  clock.set('2026-11-23T07:05:00Z') // Monday 08:05
  const gum = await clinic.requestCallBack(ben.id, 'Swollen gum after the cleaning', 'urgent')
  clock.set('2026-11-23T08:00:00Z') // Monday 09:00
  await clinic.callBack(gum.caseId, 'Rinse with chlorhexidine; come in at 11:00', 'Dr. Roth')
  await clinic.requestCallBack(dana.id, 'Would like a check-up appointment')
  clock.set('2026-11-23T08:10:00Z') // Monday 09:10
  await clinic.callBack(crownCall.caseId, 'Booked a ten-minute adjustment', 'Mia (front desk)')
}

/** Dental Kreuzberg's week: two patients, an aligner enquiry, and a call-back still in time at noon. */
export async function dentalKreuzbergWeek(clinic: Clinic, clock: DemoClock): Promise<void> {
  const emil = await clinic.registerPatient({
    firstName: 'Emil',
    lastName: 'Franke',
    email: 'emil.franke@example.de',
    remindersByEmail: true,
  })
  const frieda = await clinic.registerPatient({
    firstName: 'Frieda',
    lastName: 'Gross',
    email: 'frieda.gross@example.de',
    remindersByEmail: true,
  })
  await clinic.recordVisit(emil.id, { kind: 'checkup', at: daysBeforeStart(5), dentist: 'Dr. Weiss' })
  await clinic.enquire(frieda.id, 'aligners', 'Aligners')
  clock.set('2026-11-23T09:30:00Z') // Monday 10:30
  await clinic.requestCallBack(frieda.id, 'How often are aligner fittings?')
}
