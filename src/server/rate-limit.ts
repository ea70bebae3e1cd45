/**
 * A per-address limit on form posts, held in memory only (addresses are never stored): at most `limit` posts in
 * `windowMs` from one address. Memory is bounded and cleaned in amortised constant time: addresses are kept in the order
 * they last posted (a Map keeps insertion order), so each post drops the expired ones from the front, and no more than
 * `maxAddresses` are ever held (the longest quiet are forgotten first).
 */
export class RateLimit {
  /** Address → times of its posts within the window, oldest first; the Map is ordered by each address's last post. */
  readonly #hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly maxAddresses = 100_000,
  ) {}

  /** Records a post; false when the address is over the limit. */
  allow(address: string, now = Date.now()): boolean {
    this.#dropExpired(now);
    const recent = (this.#hits.get(address) ?? []).filter((t) => now - t < this.windowMs);
    this.#hits.delete(address);
    if (recent.length >= this.limit) {
      this.#hits.set(address, recent);
      return false;
    }
    recent.push(now);
    this.#hits.set(address, recent);
    while (this.#hits.size > this.maxAddresses) this.#hits.delete(this.#hits.keys().next().value!);
    return true;
  }

  get size(): number {
    return this.#hits.size;
  }

  #dropExpired(now: number): void {
    for (const [address, times] of this.#hits) {
      if (now - times.at(-1)! < this.windowMs) return;
      this.#hits.delete(address);
    }
  }
}
