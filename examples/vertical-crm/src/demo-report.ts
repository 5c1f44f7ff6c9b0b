import type { CallBackLine, ClinicFigures } from './demo-figures'

const berlin = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
})
const euro = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' })

/** An instant as the front desk reads it: Berlin wall-clock time. */
export function berlinTime(instant: string | Date): string {
  return berlin.format(new Date(instant))
}

/** The demo's report on one clinic, as lines of text. */
export function clinicReport(clinic: ClinicFigures): string[] {
  const count = (outcome: string) =>
    clinic.callBacks.filter((callBack) => callBack.outcome === outcome).length
  const outcomes = ['met', 'late', 'overdue', 'waiting'].map((outcome) => `${count(outcome)} ${outcome}`)
  return [
    `${clinic.name} (tenant ${clinic.clinicId})`,
    `  Patients (${clinic.patients.length}): ${clinic.patients.join(', ')}`,
    '  Treatment board:',
    ...clinic.board.map((column) =>
      `    ${column.label.padEnd(15)} ${String(column.treatments.length).padStart(2)}  ${column.treatments
        .map((t) => (t.amountMinor === null ? t.name : `${t.name} ${euro.format(t.amountMinor / 100)}`))
        .join(', ')}`.trimEnd(),
    ),
    `  Due for a recall (${clinic.recallDue.length}): ${clinic.recallDue.join(', ') || 'nobody'}; ` +
      `reminder email to ${clinic.reminderEmails}, ${clinic.withoutEmail} without an email address`,
    `  Call-backs (${clinic.callBacks.length}): ${outcomes.join(', ')}`,
    ...clinic.callBacks.map(callBackLine),
    `  Overdue now: ${clinic.overdue.join(', ') || 'none'}`,
  ]
}

function callBackLine(callBack: CallBackLine): string {
  const outcome = callBack.outcome === 'overdue' ? 'OVERDUE' : callBack.outcome
  const due = callBack.dueAt === null ? 'no SLA' : `due ${berlinTime(callBack.dueAt)}`
  const called =
    callBack.calledBackAt === null
      ? 'not called back yet'
      : `called back ${berlinTime(callBack.calledBackAt)} (${callBack.businessMinutes} business min)`
  return `    ${outcome.padEnd(8)} ${callBack.patient.padEnd(12)} ${callBack.priority.padEnd(6)} "${callBack.reason}": asked ${berlinTime(callBack.requestedAt)}, ${due}, ${called}`
}
