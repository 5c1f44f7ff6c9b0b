import { isRapportError, type TenantCrm } from '@rapport/core'
import { CALL_BACK_POLICY } from './call-back-policy'
import { CLINIC_HOURS, CLINIC_HOURS_KEY } from './clinic-hours'

/** The part of a clinic's Rapport API the set-up uses. */
type SlaSetup = Pick<TenantCrm, 'sla'>

/**
 * Stores the clinic calendar and the call-back policy in a clinic unless it has them. Safe to repeat and
 * to run twice at once: whoever loses the race to create finds the key taken (a conflict) and moves on.
 */
export async function ensureCallBackSla(clinic: SlaSetup): Promise<void> {
  await ensure(
    () => clinic.sla.calendars.get(CLINIC_HOURS_KEY),
    () =>
      clinic.sla.calendars.create({ key: CLINIC_HOURS_KEY, label: 'Clinic hours', definition: CLINIC_HOURS }),
  )
  await ensure(
    () => clinic.sla.policies.get(CALL_BACK_POLICY.key),
    () => clinic.sla.policies.create(CALL_BACK_POLICY),
  )
}

async function ensure(read: () => Promise<unknown>, create: () => Promise<unknown>): Promise<void> {
  try {
    await read()
    return
  } catch (error) {
    if (!isRapportError(error) || error.code !== 'notFound') throw error
  }
  try {
    await create()
  } catch (error) {
    if (!isRapportError(error) || error.code !== 'conflict') throw error
  }
}
