/**
 * Watches a folder for changes by looking at every file's size and modification time a few times a second.
 * Polling, not fs.watch: editors often save by writing a new file and renaming it over the old one, which Node's
 * recursive watcher on Linux stops following; a content folder is small enough to look at whole.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

async function signature(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const parts = await Promise.all(
    entries.filter((e) => e.isFile()).map(async (e) => {
      const file = path.join(e.parentPath, e.name);
      const info = await stat(file).catch(() => undefined);
      return info ? `${file}|${info.size}|${info.mtimeMs}` : '';
    }),
  );
  return parts.sort().join('\n');
}

export function watchFolder(dir: string, onChange: () => void, everyMs = 300): { close(): void } {
  let last: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const look = async (): Promise<void> => {
    const now = await signature(dir);
    if (last !== undefined && now !== last) onChange();
    last = now;
    if (!stopped) timer = setTimeout(() => void look(), everyMs);
  };
  void look();
  return {
    close() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
