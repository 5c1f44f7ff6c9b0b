import { z } from 'zod'
import { COMPLAINT_CATEGORY, isUnfinishedStatus } from '../domain/cases/case-vocabulary'
import { caseEntity } from '../entities/case-entity'
import { contactEntity } from '../entities/contact-entity'
import type { Case, Contact } from '../entities/records'
import { slaClockEntity } from '../entities/sla-clock-entity'
import { validate } from '../errors/validate'
import { chunks, findAll } from '../runtime/find-all'
import type { ServiceDeps } from '../runtime/service-context'

const dissatisfiedOptions = z
  .object({
    satisfactionAtMost: z.number().int().min(1).max(5).default(2),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict()

/** Why a case counts as a sign of a dissatisfied customer. */
export type DissatisfactionReason = 'openComplaint' | 'slaBreached' | 'lowSatisfaction'

/** A case that signals a dissatisfied customer, with its contact. */
export interface DissatisfiedCase<CS = unknown, CC = unknown> {
  readonly case: Case<CS>
  readonly contact: Contact<CC> | null
  readonly reasons: readonly DissatisfactionReason[]
}

/** Options of `cases.dissatisfied`. */
export interface DissatisfiedOptions {
  /**
   * A rating at or below this is low.
   * @default 2
   */
  readonly satisfactionAtMost?: number
  /**
   * Most cases to return, 1–1000.
   * @default 100
   */
  readonly limit?: number
}

/**
 * Cases that signal dissatisfied customers: open complaints (category `complaint`, not solved or closed),
 * unsolved cases with a breached SLA clock, and cases rated at or below `satisfactionAtMost`; most recently
 * updated first, each with its contact and reasons. `CS` / `CC` type the custom fields of cases / contacts.
 */
export function dissatisfiedCustomers<CS = unknown, CC = unknown>(deps: ServiceDeps, tenantId: string) {
  return async function dissatisfied(options: DissatisfiedOptions = {}): Promise<DissatisfiedCase<CS, CC>[]> {
    const opts = validate(dissatisfiedOptions, options, 'dissatisfied options')
    const reader = deps.adapter.reader
    const now = deps.clock.now().toISOString()
    const field = (name: string) => deps.catalogs.case.fields.get(name)!
    const unfinished = {
      kind: 'member',
      field: field('status'),
      negate: true,
      values: ['solved', 'closed'],
    } as const
    const flagged = (await reader.find(caseEntity, tenantId, {
      filter: {
        kind: 'or',
        items: [
          {
            kind: 'and',
            items: [
              { kind: 'compare', field: field('category'), op: 'eq', value: COMPLAINT_CATEGORY },
              unfinished,
            ],
          },
          { kind: 'compare', field: field('satisfaction'), op: 'lte', value: opts.satisfactionAtMost },
        ],
      },
      sort: [{ field: field('updatedAt'), direction: 'desc' }],
      limit: opts.limit,
      now,
    })) as unknown as Case<CS>[]
    const breachedClocks = await findAll(
      reader,
      slaClockEntity,
      tenantId,
      { kind: 'compare', field: deps.catalogs.slaClock.fields.get('status')!, op: 'eq', value: 'breached' },
      now,
    )
    const breachedIds = new Set(breachedClocks.map((c) => c.caseId))
    const cases = new Map(flagged.map((c) => [c.id, c]))
    for (const ids of chunks([...breachedIds].filter((id) => !cases.has(id)))) {
      for (const row of await reader.getMany(caseEntity, tenantId, ids)) {
        const kase = row as unknown as Case<CS>
        if (isUnfinishedStatus(kase.status)) cases.set(kase.id, kase)
      }
    }
    const selected = [...cases.values()]
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : 1))
      .slice(0, opts.limit)
    const contactIds = [...new Set(selected.flatMap((c) => (c.contactId === null ? [] : [c.contactId])))]
    const contacts = new Map<string, Contact<CC>>()
    for (const ids of chunks(contactIds)) {
      for (const row of await reader.getMany(contactEntity, tenantId, ids)) {
        contacts.set(row.id, row as unknown as Contact<CC>)
      }
    }
    return selected.map((kase) => {
      const reasons: DissatisfactionReason[] = []
      if (kase.category === COMPLAINT_CATEGORY && isUnfinishedStatus(kase.status))
        reasons.push('openComplaint')
      if (breachedIds.has(kase.id) && isUnfinishedStatus(kase.status)) reasons.push('slaBreached')
      if (kase.satisfaction !== null && kase.satisfaction <= opts.satisfactionAtMost)
        reasons.push('lowSatisfaction')
      return {
        case: kase,
        contact: kase.contactId === null ? null : (contacts.get(kase.contactId) ?? null),
        reasons,
      }
    })
  }
}
