import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { describeCustomFields, findUndeclaredKeys } from '../../src/entities/custom-field-schema'
import { ConfigError } from '../../src/errors/rapport-error'

describe('describeCustomFields', () => {
  it('maps zod types to filterable kinds, through wrappers and nested objects', () => {
    const fields = describeCustomFields(
      'contact',
      z.object({
        tier: z.enum(['a', 'b']).optional(),
        seats: z.number().int().nullable(),
        vip: z.boolean().default(false),
        renewal: z.iso.datetime(),
        legacyRenewal: z.string().datetime().optional(),
        code: z.literal(['x', 'y']),
        scores: z.array(z.number()),
        anything: z.union([z.string(), z.number()]),
        address: z.object({ city: z.string(), geo: z.object({ lat: z.number() }) }).optional(),
      }),
    )
    expect(Object.fromEntries(fields.map((f) => [f.path.join('.'), f.kind]))).toEqual({
      tier: 'enum',
      seats: 'number',
      vip: 'boolean',
      renewal: 'timestamp',
      legacyRenewal: 'timestamp',
      code: 'enum',
      scores: 'list',
      anything: 'json',
      address: 'json',
      'address.city': 'string',
      'address.geo': 'json',
      'address.geo.lat': 'number',
    })
  })

  it('refuses names that are not identifiers, z.date(), and non-object roots', () => {
    expect(() => describeCustomFields('contact', z.object({ 'bad-name': z.string() }))).toThrow(ConfigError)
    expect(() => describeCustomFields('contact', z.object({ when: z.date() }))).toThrow(/z.iso.datetime/)
    expect(() => describeCustomFields('contact', z.string())).toThrow(ConfigError)
  })

  it('finds keys a plain z.object would silently strip, at every level, but not in loose objects', () => {
    const schema = z.object({
      a: z.string().optional(),
      nested: z.object({ b: z.number() }).optional(),
      loose: z.looseObject({}),
    })
    expect(findUndeclaredKeys(schema, { a: 'x', c: 1, nested: { b: 1, d: 2 }, loose: { e: 3 } })).toEqual([
      ['c'],
      ['nested', 'd'],
    ])
  })
})

describe('prototype-member names', () => {
  it('are refused as custom field names, at any depth', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']) {
      const shape: Record<string, z.ZodType> = {}
      Object.defineProperty(shape, name, { value: z.string().optional(), enumerable: true })
      expect(() => describeCustomFields('contact', z.object(shape))).toThrow(ConfigError)
      expect(() => describeCustomFields('contact', z.object({ a: z.object(shape) }))).toThrow(name)
    }
  })

  it('are undeclared keys of any object, never a lookup of an inherited member', () => {
    const schema = z.object({ a: z.string().optional(), nested: z.object({ b: z.number() }).optional() })
    expect(findUndeclaredKeys(schema, JSON.parse('{"constructor": 1, "nested": {"toString": 2}}'))).toEqual([
      ['constructor'],
      ['nested', 'toString'],
    ])
    expect(findUndeclaredKeys(schema, JSON.parse('{"__proto__": {"a": "x"}}'))).toEqual([['__proto__']])
  })
})
