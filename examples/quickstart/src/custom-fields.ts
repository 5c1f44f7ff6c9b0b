import type { PipelinesConfig } from '@rapport/core'
import { z } from 'zod'

/** What a computer-repair shop adds to Rapport's contacts and companies. */
export const repairShopFields = {
  contact: z.object({
    /** Devices the customer brought in. */
    devices: z.array(z.string()).optional(),
    /** Service plan tier. */
    plan: z.enum(['none', 'basic', 'pro']).optional(),
    /** When the service plan renews. */
    renewsAt: z.iso.datetime({ offset: true }).optional(),
  }),
  company: z.object({
    /** Machines under contract. */
    seats: z.number().int().min(0).optional(),
  }),
}

/** The shop's sales pipeline for service contracts, in euros. */
export const repairShopPipelines: PipelinesConfig = {
  defaults: [
    {
      key: 'contracts',
      label: 'Service contracts',
      currency: 'EUR',
      stages: [
        {
          key: 'enquiry',
          label: 'Enquiry',
          probability: 0.1,
          forecastCategory: 'pipeline',
          isClosed: false,
          isWon: false,
          rotDays: 5,
        },
        {
          key: 'diagnosis',
          label: 'Diagnosis',
          probability: 0.3,
          forecastCategory: 'pipeline',
          isClosed: false,
          isWon: false,
        },
        {
          key: 'quote',
          label: 'Quote sent',
          probability: 0.6,
          forecastCategory: 'bestCase',
          isClosed: false,
          isWon: false,
          requirements: { field: 'amountMinor', op: 'isSet' },
        },
        {
          key: 'won',
          label: 'Signed',
          probability: 1,
          forecastCategory: 'closed',
          isClosed: true,
          isWon: true,
        },
        {
          key: 'lost',
          label: 'Lost',
          probability: 0,
          forecastCategory: 'omitted',
          isClosed: true,
          isWon: false,
        },
      ],
    },
  ],
}
