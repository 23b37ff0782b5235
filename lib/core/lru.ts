// A bounded map for process-local caches (query plans, prepared statements, the API's parsed
// public keys and checked tokens).

/**
 * A Map of at most `max` entries that drops the least recently used one first; `get` of a present
 * key and `set` both count as use. `undefined` reads as absent, so it is not a value to keep.
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key); // most recently used goes last
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}
