import { describe, expect, it } from 'vitest'
import { assertZod4Schema } from '../../src/entities/zod-schema-check'
import {
  ConflictError,
  isRapportError,
  NotFoundError,
  RapportError,
  ValidationError,
} from '../../src/errors/rapport-error'

// What an error thrown by another copy of @rapport/core (the CJS build, or a second installed version)
// looks like to this copy: same shape and brand, a different class.
function errorFromAnotherCopy(code: string): Error {
  const error = new Error('version 1 expected, found 2')
  Object.defineProperty(error, Symbol.for('rapport.error'), { value: true })
  Object.assign(error, { code, details: {} })
  return error
}

describe('RapportError across copies', () => {
  it('recognises an error from another copy by its brand, with and without a code', () => {
    const foreign = errorFromAnotherCopy('conflict')
    expect(isRapportError(foreign)).toBe(true)
    expect(isRapportError(foreign, 'conflict')).toBe(true)
    expect(isRapportError(foreign, 'notFound')).toBe(false)
    expect(foreign instanceof RapportError).toBe(true)
  })

  it('keeps the prototype check for subclasses', () => {
    const conflict = new ConflictError('stale')
    expect(conflict instanceof ConflictError).toBe(true)
    expect(conflict instanceof RapportError).toBe(true)
    expect(conflict instanceof NotFoundError).toBe(false)
    expect(new NotFoundError('contact', 'con_1') instanceof ValidationError).toBe(false)
  })

  it('does not take plain errors and look-alikes for Rapport errors', () => {
    expect(isRapportError(new Error('x'))).toBe(false)
    expect(isRapportError({ code: 'conflict', name: 'RapportError' })).toBe(false)
    expect(isRapportError(null)).toBe(false)
    expect(isRapportError('conflict')).toBe(false)
    expect(new Error('x') instanceof RapportError).toBe(false)
  })

  it('says which errors are retryable', () => {
    expect(new RapportError('busy', 'locked').retryable).toBe(true)
    expect(new RapportError('timeout', 'lock timeout').retryable).toBe(true)
    expect(new ConflictError('stale').retryable).toBe(false)
  })
})

describe('custom-field schemas from another zod', () => {
  it('refuses a zod 3 schema with a config error that names the fix', () => {
    const zod3Object = { _def: { typeName: 'ZodObject' }, parse: () => ({}) }
    expect(() => assertZod4Schema('contact', zod3Object)).toThrowError(/zod 3; Rapport needs zod 4/)
    try {
      assertZod4Schema('contact', zod3Object)
    } catch (error) {
      expect(isRapportError(error, 'config')).toBe(true)
    }
  })

  it('refuses something that is not a schema at all', () => {
    expect(() => assertZod4Schema('deal', 42)).toThrowError(/must be a zod 4 schema/)
  })
})
