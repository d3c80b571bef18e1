/**
 * The Promise-based dictionary that DeferredDict is measured against (`npm run bench`):
 * a Map of Promises, as one would write it in an application. Each key without a value
 * gets one pending Promise and its `resolve`, shared by every getter of that key; `set`
 * resolves it and stores the value; a `get` of a key with a value gets
 * `Promise.resolve(value)`.
 *
 * One Promise per key, not per getter, is the usual way and the cheaper one; DeferredDict
 * gives every getter a Deferred of its own (a Deferred's callbacks change what the
 * callbacks after them see). The bench has one getter per key and round, so both make one
 * object per get.
 */
export class PromiseDict<K, V> {
  private readonly values = new Map<K, V>();
  private readonly waiting = new Map<K, { promise: Promise<V>; resolve: (value: V) => void }>();

  get(key: K): Promise<V> {
    if (this.values.has(key)) return Promise.resolve(this.values.get(key) as V);
    let entry = this.waiting.get(key);
    if (entry === undefined) {
      let resolve!: (value: V) => void;
      const promise = new Promise<V>((r) => {
        resolve = r;
      });
      entry = { promise, resolve };
      this.waiting.set(key, entry);
    }
    return entry.promise;
  }

  set(key: K, value: V): void {
    const entry = this.waiting.get(key);
    if (entry !== undefined) {
      this.waiting.delete(key);
      entry.resolve(value);
    }
    this.values.set(key, value);
  }

  delete(key: K): boolean {
    return this.values.delete(key);
  }
}
