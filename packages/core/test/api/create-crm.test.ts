import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createCrm } from '../../src/api/create-crm'
import { ConfigError } from '../../src/errors/rapport-error'
import type { StoragePort } from '../../src/storage/storage-port'

const fakeAdapter = {
  transaction: async () => undefined,
  migrate: async () => ({ applied: [] }),
  reader: {},
} as unknown as StoragePort

describe('createCrm', () => {
  it('refuses a missing or wrong adapter with a ConfigError', () => {
    expect(() => createCrm({} as never)).toThrow(ConfigError)
    expect(() => createCrm({ adapter: { name: 'x' } } as never)).toThrow(/adapter must be a storage adapter/)
  })

  it('refuses custom field schemas it cannot store or filter', () => {
    expect(() =>
      createCrm({ adapter: fakeAdapter, customFields: { contact: z.object({ 'a b': z.string() }) } }),
    ).toThrow(ConfigError)
  })

  it('refuses invalid tenant ids', () => {
    const crm = createCrm({ adapter: fakeAdapter })
    expect(() => crm.tenant('has space')).toThrow(expect.objectContaining({ code: 'validation' }))
  })

  it('types records with the declared custom fields', () => {
    const crm = createCrm({
      adapter: fakeAdapter,
      customFields: { contact: z.object({ tier: z.enum(['gold']).optional() }) },
    })
    type Tier = Awaited<ReturnType<ReturnType<typeof crm.tenant>['contacts']['get']>>['custom']['tier']
    const tier: Tier = 'gold'
    // @ts-expect-error only declared values type-check
    const wrong: Tier = 'silver'
    expect([tier, wrong]).toHaveLength(2)
  })
})
