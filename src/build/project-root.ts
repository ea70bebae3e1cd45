/** The project folder (where package.json, layouts/ and .cache/ are), whatever the working directory. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
