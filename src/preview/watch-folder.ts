/**
 * Watches a folder for changes by looking at every file's size and modification time a few times a second, and says
 * which files changed (added, changed or removed). Polling, not fs.watch: editors often save by writing a new file and
 * renaming it over the old one, which Node's recursive watcher on Linux stops following; a content folder is small
 * enough to look at whole (200 files in a few milliseconds).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

async function signatures(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const pairs = await Promise.all(
    entries
      .filter((e) => e.isFile())
      .map(async (e): Promise<[string, string] | undefined> => {
        const file = path.join(e.parentPath, e.name);
        const info = await stat(file).catch(() => undefined);
        return info ? [file, `${info.size}|${info.mtimeMs}`] : undefined;
      }),
  );
  return new Map(pairs.filter((p) => p !== undefined));
}

function changedBetween(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const changed = [...after].filter(([file, signature]) => before.get(file) !== signature).map(([file]) => file);
  return [...changed, ...[...before.keys()].filter((file) => !after.has(file))];
}

/** Resolves once the folder as it is now has been looked at: a change saved after that is reported. */
export async function watchFolder(
  dir: string,
  onChange: (files: string[]) => void,
  everyMs = 150,
): Promise<{ close(): void }> {
  let last = await signatures(dir);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const look = async (): Promise<void> => {
    const now = await signatures(dir);
    const changed = changedBetween(last, now);
    last = now;
    if (changed.length > 0 && !stopped) onChange(changed);
    if (!stopped) timer = setTimeout(() => void look(), everyMs);
  };
  timer = setTimeout(() => void look(), everyMs);
  return {
    close() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
