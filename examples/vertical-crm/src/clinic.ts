import {
  type Audience,
  type Case,
  type Contact,
  type Deal,
  isRapportError,
  type SweepReport,
  type TenantCrm,
} from '@rapport/core'
import type { z } from 'zod'
import { CALL_BACK_CATEGORY, type CallBackPriority } from './call-back-policy'
import { ensureCallBackSla } from './call-back-sla'
import { type CallBack, callBackOf } from './call-backs'
import type { clinicFields, patientFields, treatmentFields, VISIT_KINDS } from './clinic-fields'
import { RECALL_SEGMENT, recallDueFilter } from './recall-segment'

type ClinicTenant = TenantCrm<typeof clinicFields>
export type Patient = Contact<z.output<typeof patientFields>>
export type Treatment = Deal<z.output<typeof treatmentFields>>

/** A new patient: who they are, how to reach them, and whether they agreed to recall reminders. */
export interface NewPatient {
  readonly firstName: string
  readonly lastName: string
  readonly email?: string
  readonly phone?: string
  readonly details?: z.input<typeof patientFields>
  /** Agreed to recall reminders by email (recorded as consent, so mailings respect it). */
  readonly remindersByEmail?: boolean
}

/** An appointment that took place. */
export interface Visit {
  readonly kind: (typeof VISIT_KINDS)[number]
  readonly at: Date | string
  readonly dentist: string
  readonly teeth?: readonly string[]
  readonly notes?: string
}

/**
 * One clinic's CRM, in the clinic's words: patients, visits, treatments and recalls. Everything goes
 * through Rapport's tenant API, so a clinic only ever sees its own patients.
 */
export class Clinic {
  private slaReady: Promise<void> | null = null

  constructor(readonly rapport: ClinicTenant) {}

  /** Registers a patient (a Rapport contact in the `customer` lifecycle stage). */
  async registerPatient(patient: NewPatient): Promise<Patient> {
    return this.rapport.contacts.create({
      firstName: patient.firstName,
      lastName: patient.lastName,
      email: patient.email,
      phone: patient.phone,
      lifecycleStage: 'customer',
      custom: patient.details ?? {},
      consent:
        patient.remindersByEmail === undefined
          ? undefined
          : {
              email: patient.remindersByEmail
                ? { status: 'subscribed', source: 'registration form', legalBasis: 'consent' }
                : { status: 'unsubscribed', source: 'registration form' },
            },
    })
  }

  /** Records an appointment on the patient's timeline. */
  async recordVisit(patientId: string, visit: Visit): Promise<void> {
    await this.rapport.activities.create({
      type: 'meeting',
      subject: `${visit.kind} with ${visit.dentist}`,
      body: visit.notes,
      occurredAt: visit.at,
      contactIds: [patientId],
      custom: { visitKind: visit.kind, teeth: visit.teeth ? [...visit.teeth] : undefined },
    })
  }

  /** A patient asks about a treatment: a deal in the `enquiry` stage. */
  async enquire(
    patientId: string,
    procedure: z.input<typeof treatmentFields>['procedure'],
    name: string,
  ): Promise<Treatment> {
    return this.rapport.deals.create({
      name,
      pipeline: 'treatment',
      contacts: [{ contactId: patientId, role: 'patient', isPrimary: true }],
      custom: { procedure },
    })
  }

  /** Records the estimate the patient agreed to and moves the treatment to `treatmentPlan`. */
  async planTreatment(treatmentId: string, estimateMinor: number, dentist: string): Promise<Treatment> {
    const current = await this.rapport.deals.get(treatmentId)
    const estimated = await this.rapport.deals.update(
      treatmentId,
      { amount: { amountMinor: estimateMinor, currency: 'EUR' } },
      { expectedVersion: current.version },
    )
    return this.rapport.deals.move(treatmentId, 'treatmentPlan', {
      expectedVersion: estimated.version,
      actor: dentist,
    })
  }

  /** The patient signed the consent form: treatment may start. */
  async recordConsentForm(treatmentId: string): Promise<Treatment> {
    const current = await this.rapport.deals.get(treatmentId)
    return this.rapport.deals.update(
      treatmentId,
      { custom: { consentFormSigned: true } },
      { expectedVersion: current.version },
    )
  }

  /** Moves a treatment along; Rapport refuses moves out of clinical order with a `transitionRefused` error. */
  async advance(
    treatmentId: string,
    stage: 'consultation' | 'treatmentPlan' | 'treatment' | 'recall',
    dentist: string,
  ) {
    return stage === 'recall'
      ? this.rapport.deals.markWon(treatmentId, { actor: dentist, stage: 'recall' })
      : this.rapport.deals.move(treatmentId, stage, { actor: dentist })
  }

  /** Patients due for a recall, by last name. */
  async recallDue(): Promise<Patient[]> {
    await this.ensureRecallSegment()
    const patients: Patient[] = []
    for await (const member of this.rapport.segments.stream(RECALL_SEGMENT)) patients.push(member as Patient)
    return patients.sort((a, b) => (a.lastName ?? '').localeCompare(b.lastName ?? ''))
  }

  /** Whom the recall reminder may be emailed to, and who is left out and why (consent, no email). */
  async recallMailing(): Promise<Audience> {
    await this.ensureRecallSegment()
    return this.rapport.segments.audience(RECALL_SEGMENT, 'email')
  }

  /**
   * A patient asks to be called back: a phone case in the `callBack` category, which the call-back policy
   * gives a due time (2 business hours, 30 minutes when urgent) in the clinic's hours.
   */
  async requestCallBack(
    patientId: string,
    reason: string,
    priority: CallBackPriority = 'normal',
  ): Promise<CallBack> {
    await this.ensureCallBackSla()
    const kase = await this.rapport.cases.create({
      subject: reason,
      contactId: patientId,
      category: CALL_BACK_CATEGORY,
      channel: 'phone',
      priority,
    })
    return this.callBackWithClock(kase.id)
  }

  /**
   * The clinic called the patient back: the call's note is the agent's public reply, which stops the SLA
   * clock (met, or late if past due), and the request is solved.
   */
  async callBack(caseId: string, note: string, staffMember?: string): Promise<CallBack> {
    await this.rapport.cases.addMessage(caseId, { authorKind: 'agent', authorId: staffMember, body: note })
    await this.rapport.cases.solve(caseId)
    return this.callBackWithClock(caseId)
  }

  /** Every call-back request, oldest first, with where its SLA stands. */
  async callBacks(): Promise<CallBack[]> {
    const callBacks: CallBack[] = []
    let cursor: string | null = null
    do {
      const page = await this.rapport.cases.list({
        filter: { field: 'category', op: 'eq', value: CALL_BACK_CATEGORY },
        sort: { field: 'createdAt', direction: 'asc' },
        limit: 200,
        cursor,
      })
      for (const kase of page.items) callBacks.push(await this.callBackWithClock(kase.id, kase))
      cursor = page.nextCursor
    } while (cursor !== null)
    return callBacks
  }

  /**
   * Call-backs not made by their due time. Runs the clinic's SLA sweep first, which records (and announces,
   * once, as `sla.breached` events) every deadline passed since the last sweep.
   */
  async overdueCallBacks(): Promise<CallBack[]> {
    await this.sweep()
    return (await this.callBacks()).filter((callBack) => callBack.outcome === 'overdue')
  }

  /** The clinic's SLA sweep; run it every minute or so, per clinic, to get warnings and breaches as events. */
  async sweep(): Promise<SweepReport> {
    await this.ensureCallBackSla()
    return this.rapport.sla.sweep()
  }

  /** A call-back with its first-response clock; `known` saves reading a case the caller already has. */
  private async callBackWithClock(caseId: string, known?: Case<unknown>): Promise<CallBack> {
    const kase = known ?? (await this.rapport.cases.get(caseId))
    const clocks = await this.rapport.sla.clocks(caseId)
    return callBackOf(
      kase,
      clocks.find((clock) => clock.metric === 'firstResponse'),
    )
  }

  // Once per Clinic object: createClinicCrm hands out one per clinic, so this runs once per clinic per process.
  private ensureCallBackSla(): Promise<void> {
    this.slaReady ??= ensureCallBackSla(this.rapport).catch((error: unknown) => {
      this.slaReady = null
      throw error
    })
    return this.slaReady
  }

  private async ensureRecallSegment(): Promise<void> {
    try {
      await this.rapport.segments.get(RECALL_SEGMENT)
    } catch (error) {
      if (!isRapportError(error) || error.code !== 'notFound') throw error
      await this.rapport.segments.create({
        key: RECALL_SEGMENT,
        name: 'Recall due (no visit in 6 months)',
        type: 'dynamic',
        filter: recallDueFilter,
      })
    }
  }
}
