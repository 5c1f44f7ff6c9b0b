import { describe, expect, it } from 'vitest'
import { capabilitySkipNote, missingCapabilities } from '../../src/testing/storage-requirements'

describe('storage capability requirements of conformance tests', () => {
  it('a capability is missing unless the adapter declares it true; a flag left out counts as false', () => {
    const postgres = { capabilities: { concurrentTransactions: true, textSearch: true } }
    const sqlite = { capabilities: { concurrentTransactions: false, textSearch: true } }
    const bare = { capabilities: { concurrentTransactions: false } }
    expect(missingCapabilities(postgres, ['textSearch', 'concurrentTransactions'])).toEqual([])
    expect(missingCapabilities(sqlite, ['textSearch', 'concurrentTransactions'])).toEqual([
      'concurrentTransactions',
    ])
    expect(missingCapabilities(bare, ['textSearch'])).toEqual(['textSearch'])
    expect(missingCapabilities(bare, [])).toEqual([])
  })

  it('the skip note names the adapter and what it lacks', () => {
    expect(capabilitySkipNote({ name: 'mongo' }, ['textSearch', 'concurrentTransactions'])).toBe(
      'skipped: mongo adapter lacks textSearch, concurrentTransactions',
    )
  })
})
