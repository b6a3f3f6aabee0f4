/**
 * Results every staff member reads alike, computed once per data version (README D81), the one the public pages'
 * cache uses (`dataVersion`, D70): the last audit event's id, which every state change moves, and the province's
 * minute, so an audited change shows at the next request and one made outside the portal within a minute. Each worker
 * keeps its own entries, the least recently used evicted first; requests arriving while a result is computed share it.
 */
const scopes = new WeakMap<object, number>();
let scopesMade = 0;
function scopeId(scope: object): number {
  let id = scopes.get(scope);
  if (id === undefined) scopes.set(scope, (id = ++scopesMade));
  return id;
}

export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; value: Promise<T> }>();

  constructor(private readonly capacity = 50) {}

  /**
   * `scope`: the database handle the result is read from, so that two databases (the tests', a copy being restored)
   * never share a result even where their versions read alike.
   */
  get(scope: object, name: string, version: string, compute: () => Promise<T>): Promise<T> {
    const key = `${scopeId(scope)} ${name}`;
    const entry = this.entries.get(key);
    this.entries.delete(key);
    if (entry && entry.version === version) {
      this.entries.set(key, entry);
      return entry.value;
    }
    const value = compute();
    const fresh = { version, value };
    this.entries.set(key, fresh);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    // A failed computation is not kept: the next request tries again.
    value.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
