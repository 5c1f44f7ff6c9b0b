import type { SlaPolicyInput } from '@rapport/core'
import { CLINIC_HOURS_KEY } from './clinic-hours'

/** The case category that makes a case a call-back request. */
export const CALL_BACK_CATEGORY = 'callBack'

/** How urgent a call-back is: a toothache is urgent, a question about a bill is not. */
export const CALL_BACK_PRIORITIES = ['normal', 'urgent'] as const

/** One of {@link CALL_BACK_PRIORITIES}. */
export type CallBackPriority = (typeof CALL_BACK_PRIORITIES)[number]

/**
 * The call-back promise: a patient who asks to be called back hears from the clinic within 2 business
 * hours, or 30 business minutes when it is urgent. The call is the first (and only) response measured.
 */
export const CALL_BACK_POLICY: SlaPolicyInput = {
  key: 'call-back',
  label: 'Call-backs',
  condition: { field: 'category', op: 'eq', value: CALL_BACK_CATEGORY },
  calendar: CLINIC_HOURS_KEY,
  targets: {
    normal: { firstResponse: { minutes: 120 } },
    urgent: { firstResponse: { minutes: 30 } },
  },
}
