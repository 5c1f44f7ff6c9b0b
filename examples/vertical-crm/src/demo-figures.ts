import type { CallBack } from './call-backs'
import type { Clinic, Patient, Treatment } from './clinic'

/** One column of a clinic's treatment board. */
export interface BoardColumn {
  readonly stage: string
  readonly label: string
  readonly treatments: readonly { readonly name: string; readonly amountMinor: number | null }[]
}

/** A call-back as the report shows it: the patient by name. */
export interface CallBackLine extends CallBack {
  readonly patient: string
}

/** What the demo reports about one clinic. */
export interface ClinicFigures {
  readonly clinicId: string
  readonly name: string
  /** Patients by last name. */
  readonly patients: readonly string[]
  readonly board: readonly BoardColumn[]
  /** Patients due for a recall, by last name. */
  readonly recallDue: readonly string[]
  /** How many of them the reminder may be emailed to, and how many have no email address. */
  readonly reminderEmails: number
  readonly withoutEmail: number
  readonly callBacks: readonly CallBackLine[]
  /** Patients whose call-back is overdue, after the sweep. */
  readonly overdue: readonly string[]
}

/** Reads a clinic's figures through its Clinic API; the overdue list runs the clinic's SLA sweep. */
export async function clinicFigures(clinic: Clinic, clinicId: string, name: string): Promise<ClinicFigures> {
  const patients = await allPatients(clinic)
  const nameOf = (id: string | null) => {
    const patient = patients.find((p) => p.id === id)
    return patient ? fullName(patient) : '(unknown patient)'
  }
  const overdue = await clinic.overdueCallBacks()
  const callBacks = await clinic.callBacks()
  const mailing = await clinic.recallMailing()
  return {
    clinicId,
    name,
    patients: patients.map(fullName),
    board: await treatmentBoard(clinic),
    recallDue: (await clinic.recallDue()).map(fullName),
    reminderEmails: mailing.contactIds.length,
    withoutEmail: mailing.excluded.noAddress,
    callBacks: callBacks.map((callBack) => ({ ...callBack, patient: nameOf(callBack.patientId) })),
    overdue: overdue.map((callBack) => nameOf(callBack.patientId)),
  }
}

async function allPatients(clinic: Clinic): Promise<Patient[]> {
  // A demo clinic has a handful of patients: one page holds them all.
  const page = await clinic.rapport.contacts.list({
    sort: [
      { field: 'lastName', direction: 'asc' },
      { field: 'firstName', direction: 'asc' },
    ],
    limit: 1000,
  })
  return [...page.items]
}

async function treatmentBoard(clinic: Clinic): Promise<BoardColumn[]> {
  const pipeline = await clinic.rapport.pipelines.get('treatment')
  const deals: Treatment[] = [
    ...(
      await clinic.rapport.deals.list({
        filter: { field: 'pipelineId', op: 'eq', value: pipeline.id },
        sort: { field: 'name', direction: 'asc' },
        limit: 1000,
      })
    ).items,
  ]
  return pipeline.stages.map((stage) => ({
    stage: stage.key,
    label: stage.label,
    treatments: deals
      .filter((deal) => deal.stageKey === stage.key)
      .map((deal) => ({ name: deal.name, amountMinor: deal.amountMinor })),
  }))
}

function fullName(patient: Patient): string {
  return [patient.firstName, patient.lastName].filter(Boolean).join(' ')
}
