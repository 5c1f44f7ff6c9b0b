import type { z } from 'zod'
import { companyEntity } from '../entities/company-entity'
import type { Company } from '../entities/records'
import type { RecordSpec } from '../runtime/record-service'
import type { ServiceDeps } from '../runtime/service-context'
import { companyCreateInput, companyUpdateInput } from './company-input'

/**
 * How companies plug into the generic record service: every field as the caller gives it. `Custom` types
 * the app's company custom fields.
 */
export function companySpec<Custom = unknown>(
  deps: ServiceDeps,
): RecordSpec<Company<Custom>, z.output<typeof companyCreateInput>, z.output<typeof companyUpdateInput>> {
  return {
    entity: companyEntity,
    catalog: deps.catalogs.company,
    custom: deps.custom.company,
    createSchema: companyCreateInput,
    updateSchema: companyUpdateInput,
    defaultSort: [{ field: 'createdAt', direction: 'desc' }],
    archivable: true,
    events: {
      created: (ctx, company) => ctx.emit('company.created', { company }),
      createdMany: (ctx, ids) => ctx.emit('company.createdMany', { companyIds: ids, count: ids.length }),
      updated: (ctx, company, changed) => ctx.emit('company.updated', { company, changedFields: changed }),
      archived: (ctx, company) => ctx.emit('company.archived', { company }),
      restored: (ctx, company) => ctx.emit('company.restored', { company }),
    },
  }
}
