import path from 'node:path';

/** Reads "--name value" and "--name=value" options; refuses unknown ones with a message saying which are allowed. */
export function readOptions<K extends string>(
  argv: readonly string[],
  allowed: Record<K, string>,
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1] as K | undefined;
    if (!match || !name || !(name in allowed)) {
      const list = Object.entries<string>(allowed)
        .map(([k, v]) => `  --${k} ${v}`)
        .join('\n');
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

/** "--formats print,audio" → the formats, or a UsageError naming the ones it does not know. */
export function readFormats<F extends string>(value: string | undefined, known: readonly F[]): F[] {
  const formats = (value ?? known.join(','))
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = formats.filter((f) => !(known as readonly string[]).includes(f));
  if (unknown.length)
    throw new UsageError(`Unknown format "${unknown.join('", "')}" in --formats. Choose from: ${known.join(', ')}.`);
  return formats as F[];
}

/** The editions option, worded the same for every command that takes it. */
export function formatsOption(known: readonly string[]): string {
  return `<editions besides the website, comma-separated: ${known.join(',')}> (default: all of them)`;
}
