import { isRapportError } from '@rapport/core'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createClinicCrm } from '../src/clinic-crm'
import { openTestStorage, type TestStorage } from './test-storage'

const NOW = new Date('2026-11-22T09:00:00Z')
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000)

let storage: TestStorage
let software: ReturnType<typeof createClinicCrm>

beforeEach(async () => {
  storage = openTestStorage('clinic')
  software = createClinicCrm({ adapter: storage.adapter, clock: { now: () => NOW } })
  await software.migrate()
})
afterEach(async () => {
  await software.close()
  await storage.dispose()
})

it('recalls patients without a check-up, hygiene or treatment visit in six months', async () => {
  const clinic = software.clinic('smile-mitte')
  const anna = await clinic.registerPatient({
    firstName: 'Anna',
    lastName: 'Berg',
    email: 'anna@x.de',
    remindersByEmail: true,
  })
  const ben = await clinic.registerPatient({
    firstName: 'Ben',
    lastName: 'Cho',
    email: 'ben@x.de',
    remindersByEmail: false,
  })
  const cem = await clinic.registerPatient({
    firstName: 'Cem',
    lastName: 'Demir',
    email: 'cem@x.de',
    remindersByEmail: true,
  })
  const dana = await clinic.registerPatient({ firstName: 'Dana', lastName: 'Eck', phone: '+49 30 1234567' })

  await clinic.recordVisit(anna.id, { kind: 'checkup', at: daysAgo(200), dentist: 'Dr. Roth' })
  await clinic.recordVisit(ben.id, { kind: 'hygiene', at: daysAgo(30), dentist: 'Dr. Roth' })
  // An emergency visit fixed a toothache; it does not replace the check-up.
  await clinic.recordVisit(cem.id, { kind: 'checkup', at: daysAgo(400), dentist: 'Dr. Yilmaz' })
  await clinic.recordVisit(cem.id, {
    kind: 'emergency',
    at: daysAgo(10),
    dentist: 'Dr. Yilmaz',
    teeth: ['36'],
  })
  // Dana never came: registered, no visit at all.

  const due = await clinic.recallDue()
  expect(due.map((p) => p.id)).toEqual([anna.id, cem.id, dana.id])

  const mailing = await clinic.recallMailing()
  // Anna and Cem agreed to reminders; Dana has no email address. Ben is not due.
  expect([...mailing.contactIds].sort()).toEqual([anna.id, cem.id].sort())
  expect(mailing).toMatchObject({ channel: 'email', total: 3, excluded: { noAddress: 1 } })
  expect(due.some((p) => p.id === ben.id)).toBe(false)
})

it('takes a treatment through the clinical order, with its estimate and consent form', async () => {
  const clinic = software.clinic('smile-mitte')
  const anna = await clinic.registerPatient({
    firstName: 'Anna',
    lastName: 'Berg',
    details: { insurance: 'private', dateOfBirth: '1984-03-09', allergies: ['penicillin'] },
  })
  let implant = await clinic.enquire(anna.id, 'implant', 'Implant 36')
  expect(implant).toMatchObject({ stageKey: 'enquiry', probability: 0.1, custom: { procedure: 'implant' } })

  const refused = await clinic.advance(implant.id, 'treatment', 'Dr. Roth').catch((error: unknown) => error)
  expect(isRapportError(refused) && refused.code).toBe('transitionRefused')

  implant = await clinic.advance(implant.id, 'consultation', 'Dr. Roth')
  implant = await clinic.planTreatment(implant.id, 2_400_00, 'Dr. Roth')
  expect(implant).toMatchObject({
    stageKey: 'treatmentPlan',
    amountMinor: 2_400_00,
    expectedRevenueMinor: 1_440_00,
  })

  const noConsent = await clinic.advance(implant.id, 'treatment', 'Dr. Roth').catch((error: unknown) => error)
  expect(isRapportError(noConsent) && noConsent.message).toContain('consent form')
  await clinic.recordConsentForm(implant.id)
  await clinic.advance(implant.id, 'treatment', 'Dr. Roth')
  implant = await clinic.advance(implant.id, 'recall', 'Dr. Roth')
  expect(implant).toMatchObject({ stageKey: 'recall', isWon: true, isClosed: true })

  const history = await clinic.rapport.deals.history(implant.id)
  expect(history.map((h) => h.toStage)).toEqual([
    'enquiry',
    'consultation',
    'treatmentPlan',
    'treatment',
    'recall',
  ])
  expect(history.every((h, i) => i === 0 || h.actor === 'Dr. Roth')).toBe(true)
})

it('validates the clinic fields with its zod schemas and stores nothing invalid', async () => {
  const clinic = software.clinic('smile-mitte')
  const bad = await clinic
    .registerPatient({ firstName: 'Eve', lastName: 'Fox', details: { dateOfBirth: '09.03.1984' } })
    .catch((error: unknown) => error)
  expect(isRapportError(bad) && bad.code).toBe('validation')
  const anna = await clinic.registerPatient({ firstName: 'Anna', lastName: 'Berg' })
  const badTooth = await clinic
    .recordVisit(anna.id, { kind: 'treatment', at: NOW, dentist: 'Dr. Roth', teeth: ['99'] })
    .catch((error: unknown) => error)
  expect(isRapportError(badTooth) && badTooth.code).toBe('validation')
  expect(await clinic.rapport.contacts.count()).toBe(1)
  expect(await clinic.rapport.activities.count()).toBe(0)
})

it('keeps two clinics apart: patients, treatments and recall lists', async () => {
  const mitte = software.clinic('smile-mitte')
  const kreuzberg = software.clinic('dental-kreuzberg')
  // The same person registers at both clinics: two separate patient records.
  const atMitte = await mitte.registerPatient({ firstName: 'Anna', lastName: 'Berg', email: 'anna@x.de' })
  const atKreuzberg = await kreuzberg.registerPatient({
    firstName: 'Anna',
    lastName: 'Berg',
    email: 'anna@x.de',
  })
  await kreuzberg.recordVisit(atKreuzberg.id, { kind: 'checkup', at: daysAgo(5), dentist: 'Dr. Weiss' })
  await mitte.enquire(atMitte.id, 'whitening', 'Whitening')

  expect((await mitte.recallDue()).map((p) => p.id)).toEqual([atMitte.id])
  expect(await kreuzberg.recallDue()).toEqual([])
  const crossRead = await kreuzberg.rapport.contacts.get(atMitte.id).catch((error: unknown) => error)
  expect(isRapportError(crossRead) && crossRead.code).toBe('notFound')
  expect(await kreuzberg.rapport.deals.count()).toBe(0)
  expect(await mitte.rapport.activities.count()).toBe(0)
})
