// Worker entry: Node 20 workers cannot take --import, so this plain module registers tsx, then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./audio-worker.ts');
