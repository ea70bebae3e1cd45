/**
 * /staff/editor.js: the editor desk's browser code and CodeMirror, bundled once per server start by esbuild from
 * our own node_modules (nothing is fetched from another site). Made on first request (about 0.3 s), then kept.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { PROJECT_ROOT } from '../../build/project-root.ts';

let bundle: Promise<string> | undefined;

export function editorScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [path.join(PROJECT_ROOT, 'src', 'editor', 'client', 'editor-client.ts')],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    target: 'es2020',
    legalComments: 'none',
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}
