import type { z } from 'zod'
import { companyEntity } from '../entities/company-entity'
import type { Company } from '../entities/records'
import type { RecordSpec } from '../runtime/record-service'
import type { ServiceDeps } from '../runtime/service-context'
import type { StoredRow } from '../storage/storage-port'
import { companyCreateInput, companyUpdateInput } from './company-input'

/** How companies plug into the generic record service. */
export function companySpec(
  deps: ServiceDeps,
): RecordSpec<Company<unknown>, z.output<typeof companyCreateInput>, z.output<typeof companyUpdateInput>> {
  return {
    entity: companyEntity,
    catalog: deps.catalogs.company,
    custom: deps.custom.company,
    createSchema: companyCreateInput,
    updateSchema: companyUpdateInput,
    defaultSort: [{ field: 'createdAt', direction: 'desc' }],
    archivable: true,

    buildRow(input, custom, { id, now }) {
      return {
        id,
        version: 1,
        createdAt: now,
        updatedAt: now,
        archivedAt: null,
        name: input.name,
        domain: input.domain ?? null,
        industry: input.industry ?? null,
        employeeCount: input.employeeCount ?? null,
        phone: input.phone ?? null,
        country: input.country ?? null,
        city: input.city ?? null,
        kind: input.kind,
        tags: input.tags,
        ownerId: input.ownerId ?? null,
        custom,
      }
    },

    patchChanges(_current, patch, custom) {
      const changes: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(patch)) {
        if (key === 'custom' || value === undefined) continue
        changes[key] = value
      }
      if (custom !== undefined) changes.custom = custom
      return changes
    },

    present: (row: StoredRow) => row as unknown as Company<unknown>,

    events: {
      created: (ctx, company) => ctx.emit('company.created', { company }),
      createdMany: (ctx, ids) => ctx.emit('company.createdMany', { companyIds: ids, count: ids.length }),
      updated: (ctx, company, changed) => ctx.emit('company.updated', { company, changedFields: changed }),
      archived: (ctx, company) => ctx.emit('company.archived', { company }),
      restored: (ctx, company) => ctx.emit('company.restored', { company }),
    },
  }
}
