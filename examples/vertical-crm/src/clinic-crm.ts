import { type Clock, createCrm } from '@rapport/core'
import type { StoragePort } from '@rapport/core/storage'
import { Clinic } from './clinic'
import { clinicFields } from './clinic-fields'
import { treatmentGuards, treatmentPipeline } from './treatment-pipeline'

/** Where the clinic software keeps its data, and (for tests and demos) where "now" comes from. */
export interface ClinicCrmOptions {
  readonly adapter: StoragePort
  readonly clock?: Clock
}

/**
 * The clinic software's CRM: one Rapport engine with the clinic's custom fields and treatment pipeline;
 * each clinic is a tenant.
 */
export function createClinicCrm(options: ClinicCrmOptions) {
  const rapport = createCrm({
    adapter: options.adapter,
    clock: options.clock,
    customFields: clinicFields,
    pipelines: { defaults: [treatmentPipeline], guards: treatmentGuards },
  })
  // One Clinic per clinic, so its one-time set-up (the call-back calendar and policy) runs once.
  const clinics = new Map<string, Clinic>()
  return {
    rapport,
    migrate: () => rapport.migrate(),
    /** One clinic's CRM; `clinicId` is its tenant id. */
    clinic: (clinicId: string): Clinic => {
      let clinic = clinics.get(clinicId)
      if (clinic === undefined) {
        clinic = new Clinic(rapport.tenant(clinicId))
        clinics.set(clinicId, clinic)
      }
      return clinic
    },
    close: () => rapport.close(),
  }
}
