import type { Filter } from '@rapport/core'

/** Six months, in the 24-hour days `withinDays` counts. */
export const RECALL_AFTER_DAYS = 183

/**
 * Patients due for a recall: patients (customers) with no check-up, hygiene or treatment visit in the last
 * six months. An emergency visit does not count: it fixed a toothache, it was not a check-up.
 */
export const recallDueFilter: Filter = {
  and: [
    { field: 'lifecycleStage', op: 'eq', value: 'customer' },
    {
      not: {
        related: 'activities',
        where: {
          and: [
            { field: 'type', op: 'eq', value: 'meeting' },
            { field: 'custom.visitKind', op: 'in', value: ['checkup', 'hygiene', 'treatment'] },
          ],
        },
        withinDays: RECALL_AFTER_DAYS,
      },
    },
  ],
}

/** The key of the recall segment every clinic gets. */
export const RECALL_SEGMENT = 'recall-due'
