import { z } from 'zod'
import { ConfigError, ValidationError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import type { FieldCatalog } from '../filter/field-catalog'
import type { Catalogs } from '../runtime/service-context'
import type { StoragePort } from '../storage/storage-port'

const INDEXABLE_ENTITIES = ['contact', 'company', 'activity', 'deal', 'purchase'] as const

const indexInput = z
  .object({
    entity: z.enum(INDEXABLE_ENTITIES),
    /** Fields as filters name them: `country`, `custom.tier`, `custom.address.city`. */
    fields: z.array(z.string().min(1)).min(1).max(8),
    /** Index name; derived from the entity and fields when omitted. */
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,50}$/)
      .optional(),
  })
  .strict()

/** What `crm.indexes.ensure` takes. */
export type EnsureIndexInput = z.input<typeof indexInput>

/** Indexes an app adds for its hot filters (custom fields above all). */
export interface IndexesApi {
  /**
   * Creates (if missing) an index on `tenant_id` plus the given fields, with the exact expressions filters
   * compile to, so the database can use it for them. Returns the index name.
   *
   * @example
   * ```ts
   * await crm.indexes.ensure({ entity: 'contact', fields: ['custom.tier', 'country'] })
   * ```
   */
  ensure(input: EnsureIndexInput): Promise<string>
}

function catalogOf(catalogs: Catalogs, entity: (typeof INDEXABLE_ENTITIES)[number]): FieldCatalog {
  return catalogs[entity]
}

/** The indexes API over an adapter. */
export function indexesApi(adapter: StoragePort, catalogs: Catalogs): IndexesApi {
  return {
    async ensure(input) {
      const parsed = validate(indexInput, input, 'index')
      if (!adapter.ensureIndex) throw new ConfigError(`The ${adapter.name} adapter cannot create indexes`)
      const catalog = catalogOf(catalogs, parsed.entity)
      const fields = parsed.fields.map((name, i) => {
        const field = catalog.fields.get(name)
        if (!field || field.kind === 'list' || field.kind === 'json' || field.via) {
          throw new ValidationError(
            `Cannot index ${parsed.entity} by "${name}": only scalar fields of the record`,
            [
              {
                code: 'custom',
                path: ['fields', i],
                message: `Not an indexable field: ${name}`,
                input: name,
              },
            ],
          )
        }
        return field
      })
      const name =
        parsed.name ??
        `${catalog.entity.table}_by_${parsed.fields
          .join('_')
          .replace(/[^a-zA-Z0-9]+/g, '_')
          .toLowerCase()}`.slice(0, 60)
      await adapter.ensureIndex({ entity: catalog.entity, name, fields })
      return name
    },
  }
}
