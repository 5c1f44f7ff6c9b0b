import { ConfigError } from '../errors/rapport-error'

/**
 * Refuses a custom-field schema that was not built with zod 4. Rapport reads zod 4's schema internals
 * (`_zod`); a schema from zod 3 (an app that pins it, or a second copy in node_modules) would otherwise
 * fail deep inside with a raw TypeError.
 *
 * @throws ConfigError naming the entity and the fix.
 */
export function assertZod4Schema(entity: string, schema: unknown): void {
  if (typeof schema === 'object' && schema !== null && '_zod' in schema) return
  const zod3 = typeof schema === 'object' && schema !== null && '_def' in schema
  throw new ConfigError(
    zod3
      ? `customFields.${entity} was built with zod 3; Rapport needs zod 4 (install zod@^4.1 and import { z } from 'zod')`
      : `customFields.${entity} must be a zod 4 schema (z.object({...})), got ${typeof schema}`,
  )
}
