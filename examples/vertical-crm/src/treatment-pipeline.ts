import type { DealGuard, PipelineInput } from '@rapport/core'

/**
 * A patient's treatment from the first enquiry to the recall list. Moves are restricted to the clinical
 * order (no treatment without a plan), a plan needs an estimate, and treatment needs the consent form.
 */
export const treatmentPipeline: PipelineInput = {
  key: 'treatment',
  label: 'Treatments',
  currency: 'EUR',
  stages: [
    {
      key: 'enquiry',
      label: 'Enquiry',
      probability: 0.1,
      forecastCategory: 'pipeline',
      isClosed: false,
      isWon: false,
      rotDays: 3,
    },
    {
      key: 'consultation',
      label: 'Consultation',
      probability: 0.3,
      forecastCategory: 'pipeline',
      isClosed: false,
      isWon: false,
      rotDays: 14,
    },
    {
      key: 'treatmentPlan',
      label: 'Treatment plan',
      probability: 0.6,
      forecastCategory: 'bestCase',
      isClosed: false,
      isWon: false,
      rotDays: 21,
      // The estimate the patient agrees to is the deal's amount.
      requirements: { field: 'amountMinor', op: 'isSet' },
    },
    {
      key: 'treatment',
      label: 'Treatment',
      probability: 0.9,
      forecastCategory: 'commit',
      isClosed: false,
      isWon: false,
      guards: ['consentFormSigned'],
    },
    {
      key: 'recall',
      label: 'Recall',
      probability: 1,
      forecastCategory: 'closed',
      isClosed: true,
      isWon: true,
    },
    {
      key: 'declined',
      label: 'Declined',
      probability: 0,
      forecastCategory: 'omitted',
      isClosed: true,
      isWon: false,
    },
  ],
  transitions: [
    { from: 'enquiry', to: 'consultation' },
    { from: 'enquiry', to: 'declined' },
    { from: 'consultation', to: 'treatmentPlan' },
    { from: 'consultation', to: 'declined' },
    { from: 'treatmentPlan', to: 'treatment' },
    { from: 'treatmentPlan', to: 'declined' },
    { from: 'treatment', to: 'recall' },
  ],
}

/** Guards the treatment stages name. */
export const treatmentGuards: Record<string, DealGuard> = {
  consentFormSigned: ({ record }) =>
    (record.custom as { consentFormSigned?: boolean }).consentFormSigned === true ||
    'The patient has not signed the consent form',
}
