// Starts a command-line tool written in TypeScript: `node src/cli/launch.mjs build [options]` runs src/cli/build.ts.
// The large JavaScript libraries every build needs are loaded first, before tsx's loader is in place: through its
// hooks each of their hundreds of modules is resolved and loaded by a message to another thread, which made loading
// them take about twice as long (see pdf-worker.mjs for the same in the PDF workers). Then tsx is registered and the
// TypeScript loaded; imports of these libraries from it find them already loaded.
const [tool, ...rest] = process.argv.slice(2);
const TOOLS = new Set(['build', 'preview']);
if (!tool || !TOOLS.has(tool)) {
  console.error(`Usage: node src/cli/launch.mjs ${[...TOOLS].join('|')} [options]`);
  process.exit(2);
}
await Promise.all([import('@11ty/eleventy'), import('markdown-it'), import('nunjucks'), import('yaml'), import('zod')]);
const { register } = await import('tsx/esm/api');
register();
process.argv = [process.argv[0], new URL(`./${tool}.ts`, import.meta.url).pathname, ...rest];
await import(`./${tool}.ts`);
