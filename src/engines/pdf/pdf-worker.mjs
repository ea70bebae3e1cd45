// Worker entry: Node 20 workers cannot take --import, so this plain module registers tsx, then loads the TypeScript.
// The large JavaScript libraries are loaded first, before tsx's loader is in place: through it they take about
// five times longer to load, and every worker pays that at start.
await import('pdf-lib');
await import('@myriaddreamin/typst-ts-node-compiler');
const { register } = await import('tsx/esm/api');

register();
await import('./pdf-worker.ts');
