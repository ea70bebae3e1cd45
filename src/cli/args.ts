import path from 'node:path';

/** Reads "--name value" and "--name=value" options; refuses unknown ones with a message saying which are allowed. */
export function readOptions<K extends string>(argv: readonly string[], allowed: Record<K, string>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1] as K | undefined;
    if (!match || !name || !(name in allowed)) {
      const list = Object.entries(allowed).map(([k, v]) => `  --${k} ${v}`).join('\n');
      throw new UsageError(`Unknown option "${arg}". Options:\n${list}`);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value: --${name} ${allowed[name]}`);
    out[name] = value;
  }
  return out;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A folder given on the command line, resolved against where the person typed the command: npm runs scripts from the
 * project folder, but keeps the original one in INIT_CWD.
 */
export function resolveFromCaller(folder: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), folder);
}
