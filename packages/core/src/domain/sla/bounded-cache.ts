/**
 * A memo that holds at most `limit` entries, in two generations: new entries go to the recent one; when it
 * is full it becomes the older one and the previous older one is dropped whole. Entries found in the older
 * generation move back to the recent one, so what is in use survives. Every operation is O(1); evicting
 * one-by-one from a Map (`keys().next()`) is not, since V8 scans past the holes that deletes leave.
 */
export class BoundedCache<K, V> {
  #recent = new Map<K, V>()
  #older = new Map<K, V>()
  readonly #generationSize: number

  constructor(limit: number) {
    this.#generationSize = Math.max(1, Math.floor(limit / 2))
  }

  /** The cached value for `key`, computing and storing it on a miss. */
  getOrCompute(key: K, compute: (key: K) => V): V {
    const recent = this.#recent.get(key)
    if (recent !== undefined) return recent
    const value = this.#older.get(key) ?? compute(key)
    if (this.#recent.size >= this.#generationSize) {
      this.#older = this.#recent
      this.#recent = new Map()
    }
    this.#recent.set(key, value)
    return value
  }
}
