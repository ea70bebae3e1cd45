/**
 * What identifies the PDF pipeline in the cache key, kept apart from the code it names: the engine reads these on
 * every build, and importing the finishing step or the compiler for them would load pdf-lib and Typst's native module
 * even when every PDF comes from the cache.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../../build/project-root.ts';

/** Bumped when the finishing step (finish-pdf.ts) changes, so cached PDFs are made again. */
export const FINISH_VERSION = 2;

/**
 * Bumped when the read-back's rules change (read-back.ts), so every cached PDF is read back again: a rule added (text
 * over a table cell's edge) must see PDFs made before it; a rule corrected (a word split by bold) must let them pass.
 */
export const READ_BACK_VERSION = 2;

/** Where the templates are: Typst's workspace. Virtual files live under its data/ folder. */
export const TEMPLATE_DIR = path.join(PROJECT_ROOT, 'layouts', 'print');
