/**
 * Points in a build that one format plugin waits for in another. Eleventy runs every plugin's `eleventy.before`
 * handler at once, so a format made from others' results (the EPUB: the standard PDF's pages, the audio's timings)
 * waits for them here instead of relying on the order plugins were added in.
 */
export class Milestones {
  private readonly waiting = new Map<
    string,
    { promise: Promise<void>; resolve: () => void; reject: (err: unknown) => void }
  >();

  private entry(name: string) {
    let found = this.waiting.get(name);
    if (!found) {
      let resolve!: () => void;
      let reject!: (err: unknown) => void;
      const promise = new Promise<void>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      // A failure is reported by the plugin that failed; waiting plugins only need to stop.
      promise.catch(() => undefined);
      found = { promise, resolve, reject };
      this.waiting.set(name, found);
    }
    return found;
  }

  /** Runs a plugin's work and marks `name` reached when it succeeds (or failed, for those waiting, when it throws). */
  async run<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.entry(name).resolve();
      return result;
    } catch (err) {
      this.entry(name).reject(err);
      throw err;
    }
  }

  reached(name: string): Promise<void> {
    return this.entry(name).promise;
  }
}
