/**
 * State shared by every copy of a module in this process. Eleventy imports .eleventy.js (and so our plugins) as ES
 * modules, while a test runner may load the same files through another loader: each would get its own module-level
 * variables. Keeping build state on globalThis under a registered symbol gives all of them the same object.
 */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(`accessible-report-pipeline:${name}`);
  const store = globalThis as Record<symbol, unknown>;
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}
