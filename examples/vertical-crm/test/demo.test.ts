import { expect, it } from 'vitest'
import { runDemo } from '../src/demo'
import { openTestStorage } from './test-storage'

it('runs the clinic demo in seconds and reports its key figures', async () => {
  const storage = openTestStorage('demo')
  const lines: string[] = []
  const started = Date.now()
  const figures = await runDemo({ adapter: storage.adapter, print: (line) => lines.push(line) }).finally(() =>
    storage.dispose(),
  )
  expect(Date.now() - started).toBeLessThan(10_000)

  expect(figures.asOf).toBe('2026-11-23T11:00:00.000Z') // Monday 12:00 in Berlin
  const [mitte, kreuzberg] = figures.clinics
  expect(mitte).toMatchObject({
    clinicId: 'smile-mitte',
    patients: ['Anna Berg', 'Ben Cho', 'Cem Demir', 'Dana Eck'],
    recallDue: ['Anna Berg', 'Cem Demir', 'Dana Eck'],
    reminderEmails: 2,
    withoutEmail: 1,
    overdue: ['Dana Eck'],
  })
  expect(Object.fromEntries(mitte!.board.map((column) => [column.stage, column.treatments]))).toEqual({
    enquiry: [{ name: 'Whitening', amountMinor: null }],
    consultation: [{ name: 'Crown 26', amountMinor: null }],
    treatmentPlan: [{ name: 'Implant 36', amountMinor: 2_400_00 }],
    treatment: [],
    recall: [{ name: 'Root canal 46', amountMinor: 900_00 }],
    declined: [],
  })
  // Friday 10:00 → called 11:15; Friday 17:30 → due Monday 09:30, called 09:10; urgent Monday 08:05 → due
  // 08:35, called 09:00; Monday 09:00 → due 11:00, not called by noon.
  expect(mitte!.callBacks.map((c) => [c.patient, c.priority, c.outcome, c.dueAt, c.businessMinutes])).toEqual(
    [
      ['Anna Berg', 'normal', 'met', '2026-11-20T11:00:00.000Z', 75],
      ['Cem Demir', 'normal', 'met', '2026-11-23T08:30:00.000Z', 100],
      ['Ben Cho', 'urgent', 'late', '2026-11-23T07:35:00.000Z', 55],
      ['Dana Eck', 'normal', 'overdue', '2026-11-23T10:00:00.000Z', null],
    ],
  )
  expect(kreuzberg).toMatchObject({
    clinicId: 'dental-kreuzberg',
    patients: ['Emil Franke', 'Frieda Gross'],
    recallDue: ['Frieda Gross'],
    overdue: [],
  })
  expect(kreuzberg!.callBacks.map((c) => [c.patient, c.outcome, c.dueAt])).toEqual([
    ['Frieda Gross', 'waiting', '2026-11-23T11:30:00.000Z'],
  ])

  const report = lines.join('\n')
  expect(report).toContain('Smile Mitte (tenant smile-mitte)')
  expect(report).toContain('Call-backs (4): 2 met, 1 late, 1 overdue, 0 waiting')
  expect(report).toMatch(/OVERDUE +Dana Eck .*due Mon 23 Nov, 11:00, not called back yet/)
  expect(report).toContain('Overdue now: Dana Eck')
})
