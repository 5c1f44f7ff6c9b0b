import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineEntity, versionedSystemFields } from '../../src/entities/entity'
import { field } from '../../src/entities/field'
import { ConfigError } from '../../src/errors/rapport-error'
import { optionalText } from '../../src/runtime/common-input'
import { recordInputs, updateRuleOf } from '../../src/runtime/record-input'

/** A small record type in the shape of Rapport's own: system fields, a derived column, custom fields. */
const baseFields = {
  ...versionedSystemFields,
  archivedAt: field.timestamp(),
  name: field.requiredString(),
  nameNormalized: field.derivedString<string>('name', (name) => name?.toLowerCase() ?? null),
  size: field.integer(),
  kind: field.requiredEnum(['a', 'b']),
  /** Fixed at creation. */
  origin: field.string(),
  /** Computed by the service. */
  score: field.requiredNumber(),
}
const widget = defineEntity({
  name: 'widget',
  table: 'widgets',
  idPrefix: 'wid',
  versioned: true,
  customFields: true,
  fields: baseFields,
})
const baseRules = {
  name: z.string().trim().min(1, 'A widget needs a name'),
  size: z.number().int().min(0).nullish(),
  kind: z.enum(['a', 'b']).default('a'),
  origin: optionalText(100),
}
const options = { computed: ['score'], createOnly: ['origin'] } as const

describe('recordInputs', () => {
  const { create, update } = recordInputs(widget, baseRules, options)

  it('creates with the rules in their order, then custom; updates without the create-only rules', () => {
    expect(Object.keys(create.shape)).toEqual(['name', 'size', 'kind', 'origin', 'custom'])
    expect(Object.keys(update.shape)).toEqual(['name', 'size', 'kind', 'custom'])
  })

  it('applies create defaults on create only; on update every field is optional', () => {
    expect(create.parse({ name: ' W ' })).toEqual({ name: 'W', kind: 'a' })
    expect(update.parse({})).toEqual({})
    expect(update.parse({ size: null })).toEqual({ size: null })
    expect(create.safeParse({}).error?.issues[0]?.path).toEqual(['name'])
    expect(update.safeParse({ name: '' }).error?.issues[0]?.message).toBe('A widget needs a name')
  })

  it('is strict: system, internal, computed and create-only fields are refused where they do not belong', () => {
    for (const key of ['version', 'archivedAt', 'nameNormalized', 'score', 'id']) {
      expect(create.safeParse({ name: 'w', [key]: 1 }).success).toBe(false)
    }
    expect(create.safeParse({ name: 'w', origin: 'fair' }).success).toBe(true)
    expect(update.safeParse({ origin: 'fair' }).success).toBe(false)
  })

  it('takes custom values as given on create and a plain object patch on update', () => {
    expect(create.parse({ name: 'w', custom: 'anything' }).custom).toBe('anything')
    expect(update.parse({ custom: { a: 1 } }).custom).toEqual({ a: 1 })
    expect(update.safeParse({ custom: [1] }).success).toBe(false)
  })

  it('gives a field added to the entity a place in both derived schemas', () => {
    const grown = defineEntity({
      ...widget,
      fields: { ...baseFields, colour: field.enum(['red', 'blue']) },
    })
    const derived = recordInputs(grown, { ...baseRules, colour: z.enum(['red', 'blue']).nullish() }, options)
    expect(Object.keys(derived.create.shape)).toContain('colour')
    expect(Object.keys(derived.update.shape)).toContain('colour')
    expect(derived.create.parse({ name: 'w', colour: 'red' }).colour).toBe('red')
    expect(derived.update.parse({ colour: null })).toEqual({ colour: null })
    expect(derived.update.safeParse({ colour: 'green' }).success).toBe(false)
  })

  it('refuses a field added to the entity without an input rule', () => {
    const grown = defineEntity({ ...widget, fields: { ...baseFields, colour: field.string() } })
    // @ts-expect-error: the new field needs an input rule (or a place in `computed`)
    expect(() => recordInputs(grown, baseRules, options)).toThrow(
      'Inputs of widget: the field "colour" has no input rule; give it one, or list it as computed',
    )
    // @ts-expect-error: as above
    expect(() => recordInputs(grown, baseRules, options)).toThrow(ConfigError)
  })

  it('refuses rules for fields Rapport keeps, and options that name no rule or field', () => {
    // @ts-expect-error: a system field has no input rule
    expect(() => recordInputs(widget, { ...baseRules, version: z.number() }, options)).toThrow('"version"')
    // @ts-expect-error: an internal field has no input rule
    expect(() => recordInputs(widget, { ...baseRules, nameNormalized: z.string() }, options)).toThrow(
      '"nameNormalized"',
    )
    expect(() => recordInputs(widget, { ...baseRules, score: z.number() }, options)).toThrow(
      'the field "score" is computed and has an input rule',
    )
    expect(() =>
      // @ts-expect-error: create-only names a rule
      recordInputs(widget, baseRules, { computed: ['score'], createOnly: ['nothing'] }),
    ).toThrow('"nothing" is listed as create-only but has no rule')
  })

  it('adds no custom field to a record type without custom fields', () => {
    const plain = defineEntity({ ...widget, customFields: false })
    const derived = recordInputs(plain, baseRules, options)
    expect(Object.keys(derived.create.shape)).not.toContain('custom')
    expect(Object.keys(derived.update.shape)).not.toContain('custom')
  })
})

describe('updateRuleOf', () => {
  const rules: [string, z.ZodType][] = [
    ['required', z.string().min(2)],
    ['nullish', optionalText(5)],
    ['optional', z.number().int().optional()],
    ['default', z.enum(['a', 'b']).default('a')],
    [
      'transform with default',
      z
        .array(z.string())
        .transform((xs) => [...new Set(xs)])
        .default([]),
    ],
  ]
  const values = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.constantFrom('a', 'b', ' x '),
    fc.array(fc.constantFrom('a', 'b')),
  )

  it.each(rules)(
    '%s: leaves a missing value missing and judges any given value as the create rule does',
    (_, rule) => {
      const onUpdate = updateRuleOf(rule)
      expect(onUpdate.parse(undefined)).toBeUndefined()
      fc.assert(
        fc.property(values, (value) => {
          fc.pre(value !== undefined)
          const given = rule.safeParse(value)
          const updated = onUpdate.safeParse(value)
          expect(updated.success).toBe(given.success)
          if (given.success && updated.success) expect(updated.data).toEqual(given.data)
          else expect(updated.error?.issues).toEqual(given.error?.issues)
        }),
      )
    },
  )
})
