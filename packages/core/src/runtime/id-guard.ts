import { parseRecordId } from './record-id'

/**
 * The arguments of one method that name records: each position, what it names (`'contact id'`), and
 * `'whenString'` where the argument may also be a record object (only a string is checked then).
 */
export type IdPositions = readonly (readonly [position: number, what: string, only?: 'whenString'])[]

/**
 * Where the methods of an API take record ids or keys: positions for a method, a nested table for a group
 * of methods (`sla.calendars`). Keyed by the API's own names, so a renamed or misspelt method is a type
 * error, not an unchecked argument.
 */
export type IdArgumentTable<Api> = {
  readonly [Name in keyof Api]?: Api[Name] extends (...args: never) => unknown
    ? IdPositions
    : IdArgumentTable<Api[Name]>
}

/** A table as the guard walks it at run time. */
interface IdTable {
  readonly [name: string]: IdPositions | IdTable | undefined
}

/** The first argument names a record (`'contact id'`) or a key (`'segment key'`). */
export function firstArgument(what: string): IdPositions {
  return [[0, what]]
}

/** The id arguments of the methods every record API has. */
export function recordIdArguments(what: string) {
  return { get: firstArgument(what), tryGet: firstArgument(what), update: firstArgument(what) } as const
}

/** The id arguments of the methods every archivable record API has: the record API's, archive, restore. */
export function archivableIdArguments(what: string) {
  return { ...recordIdArguments(what), archive: firstArgument(what), restore: firstArgument(what) } as const
}

function checkIds(positions: IdPositions, args: readonly unknown[]): void {
  for (const [position, what, only] of positions) {
    if (only === 'whenString' && typeof args[position] !== 'string') continue
    parseRecordId(args[position], what)
  }
}

/** Methods that return an async iterator rather than a promise: the check runs on the first `next()`. */
const GENERATORS = new Set(['stream'])

/** The method with its id arguments checked first; anything that is not a method is left as it is. */
function guardMethod(name: string, method: unknown, positions: IdPositions): unknown {
  if (typeof method !== 'function') return method
  if (GENERATORS.has(name)) {
    return async function* (this: unknown, ...args: unknown[]) {
      checkIds(positions, args)
      yield* Reflect.apply(method, this, args)
    }
  }
  return function (this: unknown, ...args: unknown[]) {
    try {
      checkIds(positions, args)
    } catch (error) {
      // Async methods report it as a rejection, like every other error they raise.
      return Promise.reject(error)
    }
    return Reflect.apply(method, this, args)
  }
}

/** A member guarded by its entry: a method by its positions, a group by its own table; else unchanged. */
function guardMember(name: string, member: unknown, entry: IdPositions | IdTable): unknown {
  if (Array.isArray(entry)) return guardMethod(name, member, entry)
  return typeof member === 'object' && member !== null ? guardIdArguments(member, entry) : member
}

/**
 * The API with every record id a caller passes checked before any service runs: an object, an array, a
 * number, an empty string or text with NUL is a `validation` error that names the argument, and never
 * reaches the driver. Each guarded method keeps its parameters and result, so the copy has the API's type.
 */
export function guardIdArguments<Api extends object>(api: Api, table: IdArgumentTable<Api>): Api
export function guardIdArguments(api: object, table: IdTable): object {
  const guarded = { ...api }
  for (const [name, entry] of Object.entries(table)) {
    if (entry === undefined) continue
    // Defined rather than assigned: the guarded copy of a member has the member's type, which TypeScript
    // cannot see through the wrapper.
    Object.defineProperty(guarded, name, {
      value: guardMember(name, Reflect.get(api, name), entry),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return guarded
}

/** Every guarded method of a table as `group.method` (`sla.calendars.get`). */
export function idArgumentNames(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([name, entry]) =>
    Array.isArray(entry) ? [`${prefix}${name}`] : idArgumentNames(entry, `${prefix}${name}.`),
  )
}
