import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createCrm } from '../../src/api/create-crm'
import type { TenantCrm } from '../../src/api/tenant-api'
import type { EntityDescription } from '../../src/entities/entity'
import type { StoragePort, StorageReader } from '../../src/storage/storage-port'

/** An adapter whose reader remembers which tenant each read was for, and finds nothing. */
function recordingAdapter() {
  const readsFor: string[] = []
  const reader: Partial<StorageReader> = {
    async get(_entity: EntityDescription, tenantId: string) {
      readsFor.push(tenantId)
      return undefined
    },
  }
  const adapter = {
    transaction: async () => undefined,
    migrate: async () => ({ applied: [] }),
    reader,
  } as unknown as StoragePort
  return { adapter, readsFor }
}

const customFields = { contact: z.object({ tier: z.enum(['gold', 'silver']).optional() }) }

describe('crm.tenant(id)', () => {
  it('returns the same API object for the same tenant: the second call builds nothing', () => {
    const crm = createCrm({ adapter: recordingAdapter().adapter })
    const first = crm.tenant('acme')
    expect(crm.tenant('acme')).toBe(first)
    expect(crm.tenant('acme').contacts).toBe(first.contacts)
  })

  it('keeps tenants apart: each API is its own and reads only its own tenant', async () => {
    const { adapter, readsFor } = recordingAdapter()
    const crm = createCrm({ adapter })
    const acme = crm.tenant('acme')
    const globex = crm.tenant('globex')
    expect(globex).not.toBe(acme)
    expect([acme.tenantId, globex.tenantId]).toEqual(['acme', 'globex'])
    await acme.contacts.tryGet('con_1')
    await globex.contacts.tryGet('con_1')
    await crm.tenant('acme').companies.tryGet('com_1')
    expect(readsFor).toEqual(['acme', 'globex', 'acme'])
  })

  it('checks the id on every call, cached tenants or not', () => {
    const crm = createCrm({ adapter: recordingAdapter().adapter })
    crm.tenant('acme')
    expect(() => crm.tenant('has space')).toThrow(expect.objectContaining({ code: 'validation' }))
    expect(() => crm.tenant('has space')).toThrow(expect.objectContaining({ code: 'validation' }))
    expect(() => crm.tenant(42 as never)).toThrow(expect.objectContaining({ code: 'validation' }))
  })

  it('is bounded: past its size it drops tenants not used lately and builds them again', async () => {
    const { adapter, readsFor } = recordingAdapter()
    const crm = createCrm({ adapter })
    const first = crm.tenant('t0')
    for (let i = 1; i <= 300; i++) crm.tenant(`t${i}`)
    const again = crm.tenant('t0')
    expect(again).not.toBe(first)
    expect(again.tenantId).toBe('t0')
    await again.contacts.tryGet('con_1')
    expect(readsFor).toEqual(['t0'])
  })

  it('separate CRMs never share a tenant API', () => {
    const one = createCrm({ adapter: recordingAdapter().adapter })
    const two = createCrm({ adapter: recordingAdapter().adapter })
    expect(one.tenant('acme')).not.toBe(two.tenant('acme'))
  })

  it('is typed by one generic: TenantCrm<typeof customFields>', () => {
    const crm = createCrm({ adapter: recordingAdapter().adapter, customFields })
    const tenant: TenantCrm<typeof customFields> = crm.tenant('acme')
    type Tier = Awaited<ReturnType<TenantCrm<typeof customFields>['contacts']['get']>>['custom']['tier']
    const tier: Tier = 'gold'
    // @ts-expect-error only declared values type-check
    const wrong: Tier = 'bronze'
    expect([tenant.tenantId, tier, wrong]).toEqual(['acme', 'gold', 'bronze'])
  })
})
