import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Clinic } from '../src/clinic'
import { createClinicCrm } from '../src/clinic-crm'
import { openTestStorage, type TestStorage } from './test-storage'

// Every instant below is written in UTC; the comments give Berlin wall-clock time (CET = UTC+1 in winter,
// CEST = UTC+2 in summer). The clinic answers the phone weekdays 08:00–18:00.
let now: Date
let storage: TestStorage
let software: ReturnType<typeof createClinicCrm>

beforeEach(async () => {
  now = new Date('2026-01-05T09:00:00Z')
  storage = openTestStorage('callbacks')
  software = createClinicCrm({ adapter: storage.adapter, clock: { now: () => now } })
  await software.migrate()
})
afterEach(async () => {
  await software.close()
  await storage.dispose()
})

async function patientAt(clinicId = 'smile-mitte') {
  const clinic = software.clinic(clinicId)
  const patient = await clinic.registerPatient({
    firstName: 'Anna',
    lastName: 'Berg',
    phone: '+49 30 1234567',
  })
  return { clinic, patient }
}

describe('call-back due times', () => {
  it('runs a Friday 17:30 request on into Monday: due 09:30, warned at 09:00, overdue after', async () => {
    const { clinic, patient } = await patientAt()
    now = new Date('2026-11-20T16:30:00Z') // Friday 20 November, 17:30 CET
    const request = await clinic.requestCallBack(patient.id, 'Crown feels high')
    // 30 minutes on Friday, then 90 from Monday 08:00.
    expect(request).toMatchObject({
      patientId: patient.id,
      reason: 'Crown feels high',
      priority: 'normal',
      requestedAt: '2026-11-20T16:30:00.000Z',
      dueAt: '2026-11-23T08:30:00.000Z', // Monday 23 November, 09:30 CET
      outcome: 'waiting',
      calledBackAt: null,
    })

    now = new Date('2026-11-23T08:00:00Z') // Monday 09:00: 90 of 120 minutes, the 75% warning
    expect(await clinic.sweep()).toMatchObject({ clocks: 1, warnings: 1, breaches: 0 })
    expect(await clinic.overdueCallBacks()).toEqual([])

    now = new Date('2026-11-23T08:31:00Z') // Monday 09:31: a minute late
    const overdue = await clinic.overdueCallBacks()
    expect(overdue.map((callBack) => [callBack.caseId, callBack.outcome])).toEqual([
      [request.caseId, 'overdue'],
    ])
    // The sweep inside overdueCallBacks recorded the breach; a second sweep has nothing left to announce.
    expect(await clinic.sweep()).toMatchObject({ clocks: 0, breaches: 0 })

    now = new Date('2026-11-23T08:45:00Z') // Monday 09:45
    const called = await clinic.callBack(
      request.caseId,
      'Booked an adjustment for Tuesday',
      'Mia (front desk)',
    )
    expect(called).toMatchObject({
      outcome: 'late',
      calledBackAt: '2026-11-23T08:45:00.000Z',
      businessMinutes: 135,
    })
    expect(await clinic.overdueCallBacks()).toEqual([])
    const kase = await clinic.rapport.cases.get(request.caseId)
    expect(kase).toMatchObject({ status: 'solved', category: 'callBack', channel: 'phone' })
  })

  it('gives an urgent request 30 business minutes: Friday 17:45 is due Monday 08:15', async () => {
    const { clinic, patient } = await patientAt()
    now = new Date('2026-11-20T16:45:00Z') // Friday 17:45 CET
    const urgent = await clinic.requestCallBack(patient.id, 'Swollen cheek', 'urgent')
    expect(urgent).toMatchObject({ priority: 'urgent', dueAt: '2026-11-23T07:15:00.000Z' }) // Monday 08:15 CET
  })

  it('counts a request made on a Saturday from Monday 08:00', async () => {
    const { clinic, patient } = await patientAt()
    now = new Date('2026-11-21T09:00:00Z') // Saturday 10:00 CET
    const request = await clinic.requestCallBack(patient.id, 'Appointment for a check-up')
    expect(request.dueAt).toBe('2026-11-23T09:00:00.000Z') // Monday 10:00 CET
  })

  it('is met when the clinic calls in time, with the business minutes it took', async () => {
    const { clinic, patient } = await patientAt()
    now = new Date('2026-11-23T09:00:00Z') // Monday 10:00 CET
    const request = await clinic.requestCallBack(patient.id, 'Question about the implant estimate')
    now = new Date('2026-11-23T10:15:00Z') // 11:15
    const called = await clinic.callBack(request.caseId, 'Explained the estimate')
    expect(called).toMatchObject({ outcome: 'met', businessMinutes: 75, dueAt: '2026-11-23T11:00:00.000Z' })
    const [clock] = await clinic.rapport.sla.clocks(request.caseId)
    expect(clock).toMatchObject({
      metric: 'firstResponse',
      status: 'met',
      targetMinutes: 120,
      business: true,
    })
  })

  it('counts a request closed without a logged call as answered when it was closed', async () => {
    const { clinic, patient } = await patientAt()
    now = new Date('2026-11-23T09:00:00Z') // Monday 10:00 CET
    const request = await clinic.requestCallBack(patient.id, 'Patient came in person instead')
    now = new Date('2026-11-23T09:30:00Z')
    await clinic.rapport.cases.solve(request.caseId)
    now = new Date('2026-11-23T15:00:00Z') // long past the due time
    expect(await clinic.overdueCallBacks()).toEqual([])
    expect((await clinic.callBacks())[0]).toMatchObject({
      outcome: 'met',
      calledBackAt: '2026-11-23T09:30:00.000Z',
      businessMinutes: 30,
    })
  })

  it('follows the clocks across both DST weeks', async () => {
    const { clinic, patient } = await patientAt()
    // Autumn: Friday 23 October 17:30 CEST (UTC+2); summer time ends Sunday the 25th.
    now = new Date('2026-10-23T15:30:00Z')
    const autumn = await clinic.requestCallBack(patient.id, 'Autumn question')
    expect(autumn.dueAt).toBe('2026-10-26T08:30:00.000Z') // Monday 26 October, 09:30 CET (UTC+1)
    // Spring: Friday 27 March 17:30 CET (UTC+1); summer time starts Sunday the 29th.
    now = new Date('2026-03-27T16:30:00Z')
    const spring = await clinic.requestCallBack(patient.id, 'Spring question')
    expect(spring.dueAt).toBe('2026-03-30T07:30:00.000Z') // Monday 30 March, 09:30 CEST (UTC+2)
  })

  it('skips public holidays: Ascension Thursday and the Easter weekend', async () => {
    const { clinic, patient } = await patientAt()
    // Wednesday 13 May 17:00 CEST: one hour left, Thursday the 14th is Ascension, so Friday 09:00.
    now = new Date('2026-05-13T15:00:00Z')
    const ascension = await clinic.requestCallBack(patient.id, 'Before Ascension')
    expect(ascension.dueAt).toBe('2026-05-15T07:00:00.000Z')
    // Thursday 2 April 17:00 CEST: Good Friday, the weekend and Easter Monday are closed: Tuesday 09:00.
    now = new Date('2026-04-02T15:00:00Z')
    const easter = await clinic.requestCallBack(patient.id, 'Before Easter')
    expect(easter.dueAt).toBe('2026-04-07T07:00:00.000Z')
  })
})

describe('call-back set-up', () => {
  it('stores the calendar and policy once per clinic, even when two set-ups race', async () => {
    const tenant = software.rapport.tenant('smile-mitte')
    const patient = await new Clinic(tenant).registerPatient({ firstName: 'Anna', lastName: 'Berg' })
    // Two Clinic objects for one clinic (two processes, say) requesting at once: both set up, one wins.
    const [first, second] = await Promise.all([
      new Clinic(tenant).requestCallBack(patient.id, 'One'),
      new Clinic(tenant).requestCallBack(patient.id, 'Two'),
    ])
    expect(first.dueAt).not.toBeNull()
    expect(second.dueAt).not.toBeNull()
    expect((await tenant.sla.policies.list()).map((policy) => policy.key)).toEqual(['call-back'])
    expect((await tenant.sla.calendars.list()).map((calendar) => calendar.key)).toEqual(['clinic-hours'])
    expect(software.clinic('smile-mitte')).toBe(software.clinic('smile-mitte'))
  })

  it('gives cases that are not call-backs no call-back clock', async () => {
    const { clinic, patient } = await patientAt()
    await clinic.requestCallBack(patient.id, 'Call me')
    const other = await clinic.rapport.cases.create({
      subject: 'Invoice address wrong',
      contactId: patient.id,
    })
    expect(other.slaPolicyId).toBeNull()
    expect(await clinic.rapport.sla.clocks(other.id)).toEqual([])
    expect((await clinic.callBacks()).map((callBack) => callBack.reason)).toEqual(['Call me'])
  })
})
