/**
 * The content folder's history: every save, publish and restore from the editor desk is a commit, authored by the
 * staff member who made it. The one module that runs git, through execFile with fixed arguments (no shell, nothing an
 * editor typed is ever read as an option: paths come after "--", messages through -F from stdin).
 *
 * The repository's own folder (GIT_DIR) is kept with the desk's data, not inside the content folder: the content stays
 * a plain folder (which may itself sit inside the project's repository), and a copy of the site never carries it.
 * Operations run one at a time (git's index lock would refuse a second writer anyway).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface Author {
  name: string;
  email: string;
}

export interface Version {
  commit: string;
  /** ISO 8601 with offset. */
  at: string;
  author: Author;
  message: string;
}

/** One line of a diff between two versions of a file. */
export interface DiffLine {
  kind: 'added' | 'removed' | 'same' | 'gap';
  text: string;
  /** The line's number in the newer version (added, same) or the older one (removed). */
  line?: number;
}

const FIELD = '\u001f';
const RECORD = '\u001e';
/** Commits made by the desk itself (the first one, changes found on disk) name it as their author. */
export const DESK_AUTHOR: Author = { name: 'Editor desk', email: 'desk@localhost' };

export class ContentHistory {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly contentDir: string,
    readonly gitDir: string,
  ) {}

  /** Runs one operation after the ones before it. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private git(args: readonly string[], input?: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        ['--git-dir', this.gitDir, '--work-tree', this.contentDir, '-c', 'core.quotepath=off', ...args],
        {
          cwd: this.contentDir,
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', ...env },
        },
        (err, stdout, stderr) => {
          if (err) reject(new Error(`git ${args[0]} failed: ${stderr.trim() || err.message}`));
          else resolve(stdout);
        },
      );
      if (input !== undefined) child.stdin?.end(input);
    });
  }

  /**
   * Makes the repository if there is none, and records whatever changed on disk outside the desk (a report imported
   * with the command line, a file copied in) as a commit of its own, so history is complete. Returns the head commit.
   */
  start(): Promise<string> {
    return this.serial(async () => {
      if (!existsSync(path.join(this.gitDir, 'HEAD'))) {
        await mkdir(this.gitDir, { recursive: true });
        await this.git(['init', '--quiet', '--initial-branch=main']);
      }
      await this.commitAll('Changes made outside the editor desk', DESK_AUTHOR);
      return this.git(['rev-parse', 'HEAD']).then((s) => s.trim());
    });
  }

  /** Commits everything changed under `paths` (the whole folder when empty); undefined when nothing changed. */
  private async commitAll(message: string, author: Author, paths: readonly string[] = []): Promise<string | undefined> {
    await this.git(['add', '--all', '--', ...(paths.length ? paths : ['.'])]);
    const staged = await this.git(['diff', '--cached', '--name-only', '--', ...(paths.length ? paths : ['.'])]);
    const hasHead = await this.git(['rev-parse', '--verify', '--quiet', 'HEAD']).then(
      () => true,
      () => false,
    );
    if (!staged.trim() && hasHead) return undefined;
    await this.git(
      ['commit', '--quiet', '--allow-empty', '--no-verify', '-F', '-', '--', ...(paths.length ? paths : ['.'])],
      message,
      {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
      },
    );
    return (await this.git(['rev-parse', 'HEAD'])).trim();
  }

  /**
   * Writes files (content-relative paths) and commits them in one step, unless `unchanged` says the file moved on
   * since the editor opened it: then nothing is written and the current version is returned as the conflict.
   */
  save(
    writes: ReadonlyArray<{ file: string; write: () => Promise<void> }>,
    message: string,
    author: Author,
    unchanged?: () => Promise<boolean>,
  ): Promise<{ commit: string | undefined } | { conflict: true }> {
    return this.serial(async () => {
      if (unchanged && !(await unchanged())) return { conflict: true as const };
      for (const w of writes) await w.write();
      return {
        commit: await this.commitAll(
          message,
          author,
          writes.map((w) => w.file),
        ),
      };
    });
  }

  /** The newest commit that touched `file` (content-relative), or undefined if it has none. */
  lastCommitOf(file: string): Promise<string | undefined> {
    return this.serial(() => this.unlocked.lastCommitOf(file));
  }

  /**
   * The reading and copying operations without waiting their turn: only for use inside a save's callbacks, which
   * already hold it (waiting there would wait for ever).
   */
  readonly unlocked = {
    lastCommitOf: async (file: string): Promise<string | undefined> =>
      (await this.git(['log', '-1', '--format=%H', '--', file])).trim() || undefined,
    fileAt: (commit: string, file: string): Promise<string | undefined> =>
      isCommitId(commit)
        ? this.git(['show', `${commit}:${file}`]).then(
            (s) => s,
            () => undefined,
          )
        : Promise.resolve(undefined),
    extract: (commit: string, paths: readonly string[], destination: string): Promise<void> =>
      this.extractTree(commit, paths, destination),
  };

  /** Versions that touched `paths`, newest first. */
  versions(paths: readonly string[], limit = 200): Promise<Version[]> {
    return this.serial(async () => {
      const out = await this.git([
        'log',
        `--max-count=${limit}`,
        `--format=%H${FIELD}%aI${FIELD}%an${FIELD}%ae${FIELD}%B${RECORD}`,
        '--',
        ...paths,
      ]);
      return out
        .split(RECORD)
        .map((r) => r.trim())
        .filter(Boolean)
        .map((record) => {
          const [commit = '', at = '', name = '', email = '', message = ''] = record.split(FIELD);
          return { commit, at, author: { name, email }, message: message.trim() };
        });
    });
  }

  /** A file as it was at a commit; undefined if it did not exist then. */
  fileAt(commit: string, file: string): Promise<string | undefined> {
    return this.serial(() => this.unlocked.fileAt(commit, file));
  }

  /** Line by line, what changed in `file` from one commit to another (the working folder when `to` is omitted). */
  diff(from: string, file: string, to?: string): Promise<DiffLine[]> {
    return this.serial(async () =>
      parseUnifiedDiff(await this.git(['diff', '--no-color', '--unified=2', from, ...(to ? [to] : []), '--', file])),
    );
  }

  /**
   * Copies the tree of `commit` under `paths` into `destination` (git archive piped into tar): how a publish gathers
   * each report as it was published, whatever has been saved since.
   */
  extract(commit: string, paths: readonly string[], destination: string): Promise<void> {
    return this.serial(() => this.extractTree(commit, paths, destination));
  }

  private extractTree(commit: string, paths: readonly string[], destination: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const archive = spawn('git', ['--git-dir', this.gitDir, 'archive', '--format=tar', commit, '--', ...paths], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const tar = spawn('tar', ['-x', '-C', destination], { stdio: ['pipe', 'ignore', 'pipe'] });
      archive.stdout.pipe(tar.stdin);
      let errors = '';
      archive.stderr.on('data', (d: Buffer) => (errors += d.toString()));
      tar.stderr.on('data', (d: Buffer) => (errors += d.toString()));
      tar.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`could not copy ${paths.join(', ')}: ${errors.trim()}`)),
      );
    });
  }

  /** The top-level names in a commit's tree. */
  topLevel(commit: string): Promise<string[]> {
    return this.serial(async () => (await this.git(['ls-tree', '--name-only', commit])).split('\n').filter(Boolean));
  }
}

export function isCommitId(value: string): boolean {
  return /^[0-9a-f]{40}$/.test(value);
}

export function parseUnifiedDiff(text: string): DiffLine[] {
  const lines: DiffLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const raw of text.split('\n')) {
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (hunk) {
      if (lines.length) lines.push({ kind: 'gap', text: '' });
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
      continue;
    }
    if (!inHunk || raw.startsWith('\\')) continue;
    if (raw.startsWith('+')) lines.push({ kind: 'added', text: raw.slice(1), line: newLine++ });
    else if (raw.startsWith('-')) lines.push({ kind: 'removed', text: raw.slice(1), line: oldLine++ });
    else if (raw.startsWith(' ')) {
      lines.push({ kind: 'same', text: raw.slice(1), line: newLine++ });
      oldLine++;
    }
  }
  return lines;
}
