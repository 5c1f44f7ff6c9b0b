import type { z } from 'zod'
import { contactCreateInput } from '../../packages/core/src/customers/contact-input'
import { customFieldsFor, parseCustomFields } from '../../packages/core/src/runtime/custom-fields'
import type { BenchContactInput } from './contact-fixtures'
import { type Timing, timeStep } from './import-timing'

/** What validating a batch costs on its own, split like `createMany` splits it. */
export interface ValidationCost {
  /** `contactCreateInput` (standard fields). */
  readonly standardFields: Timing
  /** `parseCustomFields` with the app's schema (undeclared-key scan, zod parse, clone). */
  readonly customFields: Timing
}

/**
 * Times the validation `createMany` runs before it opens its transaction, by calling the same schema and
 * the same custom-field parser on the same inputs, outside any database.
 */
export async function measureValidationCost(
  inputs: readonly BenchContactInput[],
  customSchema: z.ZodType,
  runs: number,
): Promise<ValidationCost> {
  const custom = customFieldsFor('contact', customSchema)
  const standardFields = await timeStep(
    {
      run() {
        for (const input of inputs) contactCreateInput.parse(input)
      },
    },
    runs,
  )
  const customFields = await timeStep(
    {
      run() {
        for (const input of inputs) parseCustomFields(custom, input.custom)
      },
    },
    runs,
  )
  return { standardFields, customFields }
}
