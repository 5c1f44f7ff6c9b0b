import { describe, expect, it } from 'vitest'
import { compiledCalendar } from '../../src/cases/sla/sla-calendar-store'
import { type ConditionRecord, firstMatchingPolicy } from '../../src/cases/sla/sla-policies'
import { BoundedCache } from '../../src/domain/sla/bounded-cache'
import type { BusinessCalendar } from '../../src/domain/sla/compiled-calendar'
import type { SlaPolicy } from '../../src/entities/records'
import type { CompiledPredicate } from '../../src/filter/compile-predicate'
import { buildCatalogs } from '../../src/runtime/catalogs'
import { customFieldsFor } from '../../src/runtime/custom-fields'
import type { ServiceDeps } from '../../src/runtime/service-context'

const custom = {
  contact: customFieldsFor('contact', undefined),
  company: customFieldsFor('company', undefined),
  activity: customFieldsFor('activity', undefined),
  deal: customFieldsFor('deal', undefined),
  case: customFieldsFor('case', undefined),
}

/** Just what the compiled-rule caches read: the catalogs and the caches. */
function cacheDeps(): ServiceDeps {
  return {
    catalogs: buildCatalogs(custom),
    caches: {
      calendars: new BoundedCache<string, BusinessCalendar>(16),
      policyConditions: new BoundedCache<string, CompiledPredicate>(16),
    },
  } as unknown as ServiceDeps
}

const NOW = '2026-03-02T09:00:00.000Z'

/**
 * Rows read inside a transaction that then rolls back carry a version that a later, different commit reuses.
 * The compiled-rule caches must give that commit its own rules: two rows with the same id and version but
 * different content are different entries.
 */
describe('compiled SLA rules are keyed by content, so a rolled-back version never shadows a committed one', () => {
  it('policy conditions: same policy id and version, another condition, another predicate', () => {
    const deps = cacheDeps()
    const policy = (value: string) =>
      ({
        id: 'slp_fast',
        version: 2,
        condition: { field: 'subject', op: 'contains', value },
      }) as unknown as SlaPolicy
    const kase = { subject: 'Water on the floor' } as unknown as ConditionRecord
    // The rolled-back edit's version 2 was evaluated (and compiled) inside its transaction...
    expect(firstMatchingPolicy(deps, 't', [policy('smoke')], kase, NOW)).toBeNull()
    // ...then another edit committed a different version 2.
    expect(firstMatchingPolicy(deps, 't', [policy('water')], kase, NOW)?.id).toBe('slp_fast')
    // And each tenant's rules stay its own.
    expect(firstMatchingPolicy(deps, 'other', [policy('smoke')], kase, NOW)).toBeNull()
  })

  it('calendars: same key and version, other hours, other compiled calendar', () => {
    const deps = cacheDeps()
    const hours = (from: string, to: string) => ({
      key: 'berlin',
      version: 2,
      definition: { timeZone: 'Europe/Berlin', weekly: { mon: [{ from, to }] } },
    })
    const mornings = compiledCalendar(deps, 't', hours('08:00', '12:00') as never)
    const afternoons = compiledCalendar(deps, 't', hours('13:00', '17:00') as never)
    expect(afternoons).not.toBe(mornings)
    expect(afternoons.definition.weekly.mon).toEqual([{ from: '13:00', to: '17:00' }])
    expect(compiledCalendar(deps, 't', hours('08:00', '12:00') as never)).toBe(mornings)
  })
})
