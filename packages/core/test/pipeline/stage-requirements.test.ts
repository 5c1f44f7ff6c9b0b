import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PipelineStage } from '../../src/domain/pipeline/pipeline-definition'
import { BoundedCache } from '../../src/domain/sla/bounded-cache'
import { compilePredicate } from '../../src/filter/compile-predicate'
import { meetsRequirements, requireEntry } from '../../src/pipeline/deal-rules'
import { buildCatalogs } from '../../src/runtime/catalogs'
import { customFieldsFor } from '../../src/runtime/custom-fields'

// Counts compilations: every other export of the module stays the real one.
vi.mock('../../src/filter/compile-predicate', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/filter/compile-predicate')>()
  return { ...original, compilePredicate: vi.fn(original.compilePredicate) }
})

const catalogs = buildCatalogs({
  contact: customFieldsFor('contact', undefined),
  company: customFieldsFor('company', undefined),
  activity: customFieldsFor('activity', undefined),
  deal: customFieldsFor('deal', undefined),
  case: customFieldsFor('case', undefined),
})

/** What checking requirements reads of a Crm: its catalogs and a fresh set of caches. */
function requirementDeps() {
  return {
    catalogs,
    caches: {
      calendars: new BoundedCache<string, never>(16),
      policyConditions: new BoundedCache<string, never>(16),
      stageRequirements: new BoundedCache<string, ReturnType<typeof compilePredicate>>(16),
    },
  }
}

function stage(requirements: unknown): PipelineStage {
  return {
    key: 'proposal',
    label: 'Proposal',
    probability: 0.5,
    forecastCategory: 'bestCase',
    isClosed: false,
    isWon: false,
    requirements,
  }
}

const recent = { field: 'createdAt', op: 'inLastDays', value: 7 }
const deal = { amountMinor: 5_000, createdAt: '2026-03-01T12:00:00.000Z' }
const compiled = vi.mocked(compilePredicate)

beforeEach(() => {
  compiled.mockClear()
})

describe('stage requirements are compiled once, then bound to each move', () => {
  it('compiles a stage once across many moves; relative dates measure from each move', () => {
    const deps = requirementDeps()
    const gated = stage(recent)
    for (let day = 2; day <= 8; day++) {
      const now = `2026-03-0${day}T09:00:00.000Z`
      expect(meetsRequirements(deps, { tenantId: 't', now }, gated, deal)).toBe(true)
    }
    // Ten days on, the same compiled requirements refuse the same deal.
    expect(meetsRequirements(deps, { tenantId: 't', now: '2026-03-11T09:00:00.000Z' }, gated, deal)).toBe(
      false,
    )
    // The stage read again (a new object with equal content, as each move reads its pipeline) hits the cache.
    expect(
      meetsRequirements(deps, { tenantId: 't', now: '2026-03-02T09:00:00.000Z' }, stage({ ...recent }), deal),
    ).toBe(true)
    expect(compiled).toHaveBeenCalledTimes(1)
  })

  it('a stage without requirements compiles nothing and admits every deal', () => {
    const deps = requirementDeps()
    const now = '2026-03-02T09:00:00.000Z'
    expect(meetsRequirements(deps, { tenantId: 't', now }, stage(undefined), deal)).toBe(true)
    expect(meetsRequirements(deps, { tenantId: 't', now }, stage(null), deal)).toBe(true)
    expect(compiled).not.toHaveBeenCalled()
  })

  it('an edit of the requirements takes effect on the next move, even at the same pipeline version', () => {
    const deps = requirementDeps()
    const ctx = { tenantId: 't', now: '2026-03-02T09:00:00.000Z' }
    const before = stage({ field: 'amountMinor', op: 'gte', value: 1_000 })
    // The edit keeps the stage's key (and, after a rolled-back edit, could even carry the same version).
    const after = stage({ field: 'amountMinor', op: 'gte', value: 10_000 })
    expect(meetsRequirements(deps, ctx, before, deal)).toBe(true)
    expect(meetsRequirements(deps, ctx, after, deal)).toBe(false)
    expect(() => requireEntry(deps, ctx, after, deal)).toThrow(
      expect.objectContaining({
        code: 'transitionRefused',
        details: expect.objectContaining({ reason: 'requirementsUnmet' }),
      }),
    )
    // Back to the first requirements: compiled already, so no third compilation.
    expect(meetsRequirements(deps, ctx, before, deal)).toBe(true)
    expect(compiled).toHaveBeenCalledTimes(2)
  })

  it("each tenant's requirements are its own entries", () => {
    const deps = requirementDeps()
    const now = '2026-03-02T09:00:00.000Z'
    meetsRequirements(deps, { tenantId: 'a', now }, stage(recent), deal)
    meetsRequirements(deps, { tenantId: 'b', now }, stage(recent), deal)
    meetsRequirements(deps, { tenantId: 'a', now }, stage(recent), deal)
    expect(compiled).toHaveBeenCalledTimes(2)
  })
})
