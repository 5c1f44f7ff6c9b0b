import { type Audience, type Contact, type Deal, isRapportError, type TypedTenantCrm } from '@rapport/core'
import type { z } from 'zod'
import type { clinicFields, patientFields, treatmentFields, VISIT_KINDS } from './clinic-fields'
import { RECALL_SEGMENT, recallDueFilter } from './recall-segment'

type ClinicTenant = TypedTenantCrm<typeof clinicFields>
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
