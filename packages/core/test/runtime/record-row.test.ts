import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defineEntity, versionedSystemFields } from '../../src/entities/entity'
import { field } from '../../src/entities/field'
import { newRecordRow, patchedFields } from '../../src/runtime/record-row'

const thing = defineEntity({
  name: 'thing',
  table: 'things',
  idPrefix: 'thg',
  versioned: true,
  customFields: true,
  fields: {
    ...versionedSystemFields,
    archivedAt: field.timestamp(),
    title: field.requiredString(),
    titleNormalized: field.derivedString<string>('title', (t) => t),
    note: field.string(),
    count: field.integer(),
    tags: field.stringList(),
    state: field.requiredEnum(['new', 'done']),
  },
})
const meta = { id: 'thg_1', now: '2026-03-04T05:06:07.000Z' }

/** Some input: any subset of the fields and a few keys that are not fields. */
const inputs = fc.record(
  {
    title: fc.string(),
    note: fc.option(fc.string()),
    count: fc.option(fc.integer()),
    tags: fc.array(fc.string()),
    state: fc.constantFrom('new', 'done'),
    amount: fc.integer(),
    custom: fc.object(),
  },
  { requiredKeys: [] },
)

describe('newRecordRow', () => {
  it('stamps the system fields and keeps the entity field order', () => {
    const row = newRecordRow(thing, { title: 'T', state: 'new', tags: [] }, { a: 1 }, meta)
    expect(row).toEqual({
      id: 'thg_1',
      version: 1,
      createdAt: meta.now,
      updatedAt: meta.now,
      archivedAt: null,
      title: 'T',
      note: null,
      count: null,
      tags: [],
      state: 'new',
      custom: { a: 1 },
    })
    expect(Object.keys(row)).toEqual(Object.keys(row).sort((a, b) => order(a) - order(b)))
  })

  it('takes every given field, nulls the missing nullable ones, leaves others and non-fields out', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const row = newRecordRow(thing, input, {}, meta)
        for (const name of ['title', 'tags', 'state'] as const) {
          if (input[name] === undefined) expect(row).not.toHaveProperty(name)
          else expect(row[name]).toBe(input[name])
        }
        for (const name of ['note', 'count'] as const) expect(row[name]).toBe(input[name] ?? null)
        expect(row).not.toHaveProperty('amount')
        expect(row).not.toHaveProperty('titleNormalized')
        expect(row.custom).toEqual({})
      }),
    )
  })

  it('leaves out custom values when the entity has no custom fields', () => {
    const plain = defineEntity({ ...thing, customFields: false })
    expect(newRecordRow(plain, { title: 'T' }, { a: 1 }, meta)).not.toHaveProperty('custom')
  })
})

describe('patchedFields', () => {
  it('keeps every given field in order but custom, undefined values and the excepted names', () => {
    const patches = fc.dictionary(
      fc.constantFrom('title', 'note', 'count', 'custom', 'amount'),
      fc.option(fc.oneof(fc.string(), fc.integer()), { nil: undefined }),
    )
    fc.assert(
      fc.property(patches, fc.subarray(['note', 'amount']), (patch, except) => {
        const changes = patchedFields(patch, except)
        const expected = Object.entries(patch).filter(
          ([key, value]) => key !== 'custom' && value !== undefined && !except.includes(key),
        )
        expect(Object.entries(changes)).toEqual(expected)
      }),
    )
  })
})

function order(key: string): number {
  return key === 'id' ? -1 : key === 'custom' ? 1000 : Object.keys(thing.fields).indexOf(key)
}
