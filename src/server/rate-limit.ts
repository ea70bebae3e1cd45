/**
 * A per-address limit on form posts, held in memory only (addresses are never stored): at most `limit` posts in
 * `windowMs` from one address. Old entries are dropped as they expire.
 */
export class RateLimit {
  readonly #hits = new Map<string, number[]>();
  constructor(readonly limit: number, readonly windowMs: number) {}

  /** Records a post; false when the address is over the limit. */
  allow(address: string, now = Date.now()): boolean {
    const recent = (this.#hits.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.#hits.set(address, recent);
      return false;
    }
    recent.push(now);
    this.#hits.set(address, recent);
    if (this.#hits.size > 10_000) for (const [key, times] of this.#hits) if (times.every((t) => now - t >= this.windowMs)) this.#hits.delete(key);
    return true;
  }
}
