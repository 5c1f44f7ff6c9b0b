import { isRapportError } from '@rapport/core'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createClinicCrm } from '../src/clinic-crm'
import { openTestStorage, type TestStorage } from './test-storage'

// Monday 23 November 2026, 10:00 in Berlin.
const START = new Date('2026-11-23T09:00:00Z')
const HOUR = 3_600_000
const daysAgo = (days: number) => new Date(START.getTime() - days * 86_400_000)

let now: Date
let storage: TestStorage
let software: ReturnType<typeof createClinicCrm>

beforeEach(async () => {
  now = START
  storage = openTestStorage('clinics')
  software = createClinicCrm({ adapter: storage.adapter, clock: { now: () => now } })
  await software.migrate()
})
afterEach(async () => {
  await software.close()
  await storage.dispose()
})

const notFound = (error: unknown) => isRapportError(error) && error.code === 'notFound'

it('never shows one clinic the patients, visits, treatments, recalls or call-backs of another', async () => {
  const mitte = software.clinic('smile-mitte')
  const kreuzberg = software.clinic('dental-kreuzberg')
  const breached: string[] = []
  software.rapport.events.on('sla.breached', (event) => breached.push(`${event.tenantId} ${event.caseId}`))

  // The same person at both clinics, the same kind of visits, treatments and call-backs at both.
  const annaM = await mitte.registerPatient({ firstName: 'Anna', lastName: 'Berg', email: 'anna@x.de' })
  const annaK = await kreuzberg.registerPatient({ firstName: 'Anna', lastName: 'Berg', email: 'anna@x.de' })
  const benM = await mitte.registerPatient({ firstName: 'Ben', lastName: 'Cho', email: 'ben@x.de' })
  await mitte.recordVisit(annaM.id, { kind: 'checkup', at: daysAgo(300), dentist: 'Dr. Roth' })
  await mitte.recordVisit(benM.id, { kind: 'hygiene', at: daysAgo(20), dentist: 'Dr. Roth' })
  await kreuzberg.recordVisit(annaK.id, { kind: 'checkup', at: daysAgo(5), dentist: 'Dr. Weiss' })
  const implant = await mitte.enquire(annaM.id, 'implant', 'Implant 36')
  await kreuzberg.enquire(annaK.id, 'aligners', 'Aligners')
  const callM = await mitte.requestCallBack(annaM.id, 'Question about the estimate')
  const callK = await kreuzberg.requestCallBack(annaK.id, 'Question about the estimate', 'urgent')

  // Lists and filters.
  const byEmail = { filter: { field: 'email', op: 'eq', value: 'anna@x.de' } } as const
  expect((await mitte.rapport.contacts.list(byEmail)).items.map((p) => p.id)).toEqual([annaM.id])
  expect((await kreuzberg.rapport.contacts.list(byEmail)).items.map((p) => p.id)).toEqual([annaK.id])
  expect(await kreuzberg.rapport.contacts.count()).toBe(1)
  const checkups = { filter: { field: 'custom.visitKind', op: 'eq', value: 'checkup' } } as const
  expect(await mitte.rapport.activities.count(checkups)).toBe(1)
  expect(
    await kreuzberg.rapport.activities.count({
      filter: { field: 'custom.visitKind', op: 'eq', value: 'hygiene' },
    }),
  ).toBe(0)
  expect(
    await kreuzberg.rapport.deals.count({
      filter: { field: 'custom.procedure', op: 'eq', value: 'implant' },
    }),
  ).toBe(0)
  expect((await kreuzberg.rapport.deals.list()).items.map((deal) => deal.name)).toEqual(['Aligners'])
  const callBackCases = { filter: { field: 'category', op: 'eq', value: 'callBack' } } as const
  expect((await mitte.rapport.cases.list(callBackCases)).items.map((kase) => kase.id)).toEqual([callM.caseId])
  expect((await kreuzberg.callBacks()).map((callBack) => callBack.caseId)).toEqual([callK.caseId])

  // Recall: Anna is due at Mitte (300 days), not at Kreuzberg (5 days); Ben exists only at Mitte.
  expect((await mitte.recallDue()).map((p) => p.id)).toEqual([annaM.id])
  expect(await kreuzberg.recallDue()).toEqual([])
  expect((await kreuzberg.recallMailing()).total).toBe(0)

  // Reads and commands across clinics find nothing, and change nothing.
  expect(notFound(await kreuzberg.rapport.contacts.get(annaM.id).catch((e: unknown) => e))).toBe(true)
  expect(notFound(await kreuzberg.rapport.deals.get(implant.id).catch((e: unknown) => e))).toBe(true)
  expect(notFound(await kreuzberg.rapport.cases.get(callM.caseId).catch((e: unknown) => e))).toBe(true)
  expect(notFound(await kreuzberg.rapport.sla.clocks(callM.caseId).catch((e: unknown) => e))).toBe(true)
  expect(notFound(await kreuzberg.callBack(callM.caseId, 'Wrong clinic').catch((e: unknown) => e))).toBe(true)
  expect(notFound(await kreuzberg.requestCallBack(annaM.id, 'Wrong patient').catch((e: unknown) => e))).toBe(
    true,
  )
  expect(await mitte.rapport.cases.messages(callM.caseId)).toEqual([])
  expect(await kreuzberg.rapport.cases.count()).toBe(1)

  // Three hours on, both call-backs are overdue; each clinic's sweep sees only its own clock.
  now = new Date(START.getTime() + 3 * HOUR)
  expect(await kreuzberg.sweep()).toMatchObject({ clocks: 1, breaches: 1 })
  expect(breached).toEqual([`dental-kreuzberg ${callK.caseId}`])
  const [mitteClock] = await mitte.rapport.sla.clocks(callM.caseId)
  expect(mitteClock).toMatchObject({ status: 'inProgress', breachedAt: null })
  expect((await kreuzberg.overdueCallBacks()).map((callBack) => callBack.caseId)).toEqual([callK.caseId])
  expect((await mitte.overdueCallBacks()).map((callBack) => callBack.caseId)).toEqual([callM.caseId])
  expect(breached).toEqual([`dental-kreuzberg ${callK.caseId}`, `smile-mitte ${callM.caseId}`])

  // Each clinic's calendar and policy are its own: editing one leaves the other as it was.
  const policy = await mitte.rapport.sla.policies.get('call-back')
  await mitte.rapport.sla.policies.archive('call-back', { expectedVersion: policy.version })
  expect(await kreuzberg.rapport.sla.policies.get('call-back')).toMatchObject({ archivedAt: null })
})
