import { z } from 'zod'

/** What a clinic knows about a patient beyond name and contact details. */
export const patientFields = z.object({
  /** A calendar date, `YYYY-MM-DD`. */
  dateOfBirth: z.iso.date().optional(),
  insurance: z.enum(['public', 'private', 'selfPay']).optional(),
  /** The dentist who usually treats the patient. */
  dentist: z.string().min(1).max(100).optional(),
  /** Allergies the chair-side team must see first. */
  allergies: z.array(z.string().min(1).max(100)).max(20).optional(),
})

/** Appointments are meetings with a kind; recalls count check-ups, hygiene and treatment. */
export const VISIT_KINDS = ['checkup', 'hygiene', 'treatment', 'emergency'] as const

export const visitFields = z.object({
  visitKind: z.enum(VISIT_KINDS).optional(),
  /** FDI tooth numbers treated, e.g. `['36', '37']`. */
  teeth: z
    .array(z.string().regex(/^[1-8][1-8]$/, 'An FDI tooth number, 11–88'))
    .max(32)
    .optional(),
})

/** A treatment is a deal: what is done, and whether the patient signed the consent form. */
export const treatmentFields = z.object({
  procedure: z.enum(['implant', 'crown', 'aligners', 'whitening', 'rootCanal']),
  consentFormSigned: z.boolean().optional(),
})

/** The custom fields the clinic CRM gives `createCrm`. */
export const clinicFields = { contact: patientFields, activity: visitFields, deal: treatmentFields }
