import { it } from 'vitest'
import type { StorageCapabilities, StoragePort } from '../storage/storage-port'
import type { SuiteContext } from './test-kit'

/** A flag of {@link StorageCapabilities} that a conformance test may need, e.g. `textSearch`. */
export type StorageCapability = keyof StorageCapabilities

/** The capabilities in `required` that the adapter does not declare (a flag left out counts as false). */
export function missingCapabilities(
  adapter: Pick<StoragePort, 'capabilities'>,
  required: readonly StorageCapability[],
): StorageCapability[] {
  return required.filter((capability) => adapter.capabilities[capability] !== true)
}

/** Why a test is skipped on an adapter, as vitest prints it after the test's name. */
export function capabilitySkipNote(
  adapter: Pick<StoragePort, 'name'>,
  missing: readonly StorageCapability[],
): string {
  return `skipped: ${adapter.name} adapter lacks ${missing.join(', ')}`
}

/**
 * `it` for a conformance test that needs optional storage capabilities:
 * `itRequires(ctx, ['textSearch'])('similar cases ...', async () => { ... })`. On an adapter whose
 * `capabilities` lack one, vitest reports the test skipped with the reason
 * (`↓ similar cases ... [skipped: sqlite adapter lacks textSearch]`), never as passed. The flags are read from
 * the opened adapter when the test runs, so a harness cannot claim what its adapter does not declare. What
 * the feature does without the capability (a ConfigError) is a test of its own, run on every adapter.
 */
export function itRequires(ctx: SuiteContext, required: readonly StorageCapability[]) {
  return (name: string, body: () => Promise<void>): void => {
    it(name, async ({ skip }) => {
      const adapter = ctx.adapter()
      const missing = missingCapabilities(adapter, required)
      if (missing.length > 0) skip(capabilitySkipNote(adapter, missing))
      await body()
    })
  }
}
