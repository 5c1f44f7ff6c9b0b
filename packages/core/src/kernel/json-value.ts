import { textProblem } from './text'

/**
 * Keys that name a member of `Object.prototype` (`constructor`, `__proto__`, `toString`, ...). Such a key
 * cannot be a custom field: a lookup by it finds the inherited member, and `__proto__` is dropped (or
 * changes the prototype) when an object is copied by assignment.
 */
export function isPrototypeKey(key: string): boolean {
  return key in Object.prototype
}

/** Where a value that cannot be stored as JSON was found, and why. */
export interface JsonProblemAt {
  /** Keys and indexes from the value's root to the offending value. */
  readonly path: (string | number)[]
  readonly message: string
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value)
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'an object'
  return `a ${typeof value}`
}

/**
 * Finds the first part of `value` that would not come back unchanged from JSON storage: numbers that are
 * not finite (JSON has no NaN or Infinity), bigints, functions, symbols, `undefined` in an array (JSON
 * turns it into null), objects that are not plain (`Date`, `Map`, class instances), cycles, keys naming an
 * `Object.prototype` member, and text {@link textProblem} refuses. `undefined` as an object property is
 * allowed: it means "absent", as JSON has it.
 *
 * @example
 * jsonValueProblem({ a: [1, Number.NaN] }) // { path: ['a', 1], message: 'Expected a JSON value, got NaN' }
 */
export function jsonValueProblem(value: unknown): JsonProblemAt | undefined {
  const onPath = new Set<object>()
  const walk = (v: unknown, path: (string | number)[]): JsonProblemAt | undefined => {
    switch (typeof v) {
      case 'string': {
        const message = textProblem(v)
        return message === undefined ? undefined : { path, message }
      }
      case 'boolean':
        return undefined
      case 'number':
        return Number.isFinite(v) ? undefined : { path, message: `Expected a JSON value, got ${describe(v)}` }
      case 'object':
        break
      default:
        return { path, message: `Expected a JSON value, got ${describe(v)}` }
    }
    if (v === null) return undefined
    if (onPath.has(v))
      return { path, message: 'Expected a JSON value, got a cycle (an object inside itself)' }
    if (Array.isArray(v)) {
      onPath.add(v)
      for (let i = 0; i < v.length; i++) {
        if (v[i] === undefined) return { path: [...path, i], message: 'Expected a JSON value, got undefined' }
        const found = walk(v[i], [...path, i])
        if (found) return found
      }
      onPath.delete(v)
      return undefined
    }
    const proto = Object.getPrototypeOf(v)
    if (proto !== Object.prototype && proto !== null) {
      return { path, message: `Expected a JSON value, got ${describe(v)}` }
    }
    onPath.add(v)
    for (const key of Object.keys(v)) {
      const keyMessage = textProblem(key)
      if (keyMessage !== undefined) return { path: [...path, key], message: `Key: ${keyMessage}` }
      if (isPrototypeKey(key)) {
        return {
          path: [...path, key],
          message: `"${key}" names an Object.prototype member and cannot be a key`,
        }
      }
      const child = (v as Record<string, unknown>)[key]
      if (child === undefined) continue
      const found = walk(child, [...path, key])
      if (found) return found
    }
    onPath.delete(v)
    return undefined
  }
  return walk(value, [])
}
