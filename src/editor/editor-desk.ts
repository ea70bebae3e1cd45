/**
 * What an editor can do to the content from the desk, with no web framework in sight: list reports with their state,
 * bring a Word file in as a new draft, save a file (refused when someone else saved since it was opened), restore an
 * earlier version, and ask for a preview or a publish. Every change is a version in the content's history, authored
 * by the staff member who made it.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../server/database.ts';
import { ContentHistory, type Author, type Version } from '../history/content-history.ts';
import { loadSite } from '../report/load-site.ts';
import { readFrontMatter } from '../report/front-matter.ts';
import { importReport } from '../import/import-report.ts';
import { DocxImportError } from '../import/docx.ts';
import { reportSlug } from '../report/scaffold.ts';
import { slugify } from '../markdown/text.ts';

const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
import { EditorJobs, type EditorPaths } from './jobs.ts';
import { latestPublications, queueJob, recordPublication, type Publication } from './editor-store.ts';
import {
  absoluteFile,
  checkReportText,
  EDITABLE_FILES,
  reportProblems,
  readSaved,
  relativeFile,
  type CheckedReport,
  type EditableFile,
} from './report-files.ts';

/** Largest Word file accepted: a long report with many photographs is well under this. */
export const MAX_WORD_BYTES = 20 * 1024 * 1024;
/** Largest picture accepted: a photograph straight from a phone is 3 to 8 MB. */
export const MAX_PICTURE_BYTES = 10 * 1024 * 1024;
export const PICTURE_TYPES = ['.png', '.jpg', '.jpeg', '.webp', '.gif', '.avif', '.svg'] as const;

export type ReportState = 'draft' | 'published' | 'changed';

export interface ReportSummary {
  slug: string;
  title: string;
  state: ReportState;
  errors: number;
  warnings: number;
  lastChange?: Version;
  publication?: Publication;
  /** Editions on the public site (from its formats.json). */
  editions: string[];
}

export class UploadRefused extends Error {}

/** A picture's line in the text: what the editor pastes (or the desk's editor inserts) where the picture belongs. */
export function pictureLine(name: string, alt: string, caption?: string): string {
  const text = alt.replace(/\s+/g, ' ').trim().replace(/[[\]]/g, '');
  const title = caption?.replace(/\s+/g, ' ').trim().replace(/"/g, "'");
  return `![${text}](${name}${title ? ` "${title}"` : ''})`;
}

export const authorFor = (email: string): Author => ({ name: email.split('@')[0] || email, email });

export class EditorDesk {
  readonly history: ContentHistory;
  readonly jobs: EditorJobs;

  private constructor(
    readonly db: Db,
    readonly paths: EditorPaths,
    gitDir: string,
  ) {
    this.history = new ContentHistory(path.resolve(paths.contentDir), gitDir);
    this.jobs = new EditorJobs(db, this.history, paths, authorFor);
  }

  /**
   * Opens the desk on a content folder: its history made or brought up to date, and each report already on the public
   * site (built before the desk was used) recorded as published at the version found now.
   */
  static async open(db: Db, paths: EditorPaths, dataDir: string): Promise<EditorDesk> {
    const desk = new EditorDesk(db, paths, path.join(dataDir, 'content-history.git'));
    const head = await desk.history.start();
    const published = latestPublications(db);
    for (const slug of await desk.slugs())
      if (!published.has(slug) && existsSync(path.join(paths.siteDir, 'reports', slug, 'index.html')))
        recordPublication(db, {
          slug,
          commit: head,
          note: 'On the public site before the editor desk was used',
          by: 'Editor desk',
          at: new Date().toISOString(),
        });
    desk.jobs.kick();
    return desk;
  }

  private async slugs(): Promise<string[]> {
    const dir = path.join(this.paths.contentDir, 'reports');
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  }

  async exists(slug: string): Promise<boolean> {
    return (await this.slugs()).includes(slug);
  }

  /** Every report with its state: the site is loaded and checked once for all of them. */
  async list(): Promise<ReportSummary[]> {
    const site = await loadSite(this.paths.contentDir, { includeDrafts: true });
    const published = latestPublications(this.db);
    const summaries: ReportSummary[] = [];
    for (const slug of (await this.slugs()).sort())
      summaries.push(await this.summaryOf(slug, await reportProblems(site, slug), published));
    return summaries;
  }

  /** One report with its state, for its own page (only that report is checked). */
  async summary(slug: string): Promise<ReportSummary> {
    return this.summaryOf(slug, await this.check(slug), latestPublications(this.db));
  }

  private async summaryOf(
    slug: string,
    checked: CheckedReport,
    published: ReadonlyMap<string, Publication>,
  ): Promise<ReportSummary> {
    const [lastChange] = await this.history.versions([`reports/${slug}`], 1);
    const publication = published.get(slug);
    return {
      slug,
      title: checked.title,
      state: !publication ? 'draft' : lastChange && lastChange.commit !== publication.commit ? 'changed' : 'published',
      errors: checked.errors,
      warnings: checked.warnings,
      ...(lastChange ? { lastChange } : {}),
      ...(publication ? { publication } : {}),
      editions: (await this.editions(slug)).map((e) => e.label),
    };
  }

  /** A report's title, read from its front matter alone (its folder name while that cannot be read). */
  async title(slug: string): Promise<string> {
    const source = (await this.read(slug, 'report')) ?? '';
    return readFrontMatter(source, relativeFile(slug, 'report')).data?.title || slug;
  }

  /** The editions a built site (the public one unless given) has for a report, with their addresses there. */
  async editions(slug: string, siteDir = this.paths.siteDir): Promise<Array<{ label: string; href: string }>> {
    const manifest = await readFile(path.join(siteDir, 'reports', slug, 'formats.json'), 'utf8').catch(() => '');
    if (!manifest) return [];
    return (JSON.parse(manifest) as { formats: Array<{ label: string; href: string }> }).formats;
  }

  publication(slug: string): Publication | undefined {
    return latestPublications(this.db).get(slug);
  }

  /**
   * A Word file brought in as a new draft report: checked as `npm run import` checks it, never overwriting a report.
   * Returns the new report's name.
   */
  async importWord(fileName: string, bytes: Buffer, author: Author): Promise<string> {
    if (/[/\\]/.test(fileName) || fileName.includes('\0'))
      throw new UploadRefused(
        'The file name has a folder in it ("/" or "\\"), so it was not used. Rename the file and choose it again.',
      );
    if (!/\.docx$/i.test(fileName))
      throw new UploadRefused(
        `${fileName} is not a Word document (.docx). Open it in Word or LibreOffice, save it as a Word Document (.docx), and choose it again.`,
      );
    if (bytes.length === 0) throw new UploadRefused(`${fileName} is empty. Choose the file again.`);
    const slug = reportSlug(path.basename(fileName, path.extname(fileName)));
    if (await this.exists(slug))
      throw new UploadRefused(
        `There is already a report called "${slug}". Rename the Word file (its name becomes the report's web address) and choose it again.`,
      );
    const scratch = await mkdtemp(path.join(tmpdir(), 'word-upload-'));
    try {
      const docx = path.join(scratch, `${slug}.docx`);
      await writeFile(docx, bytes);
      await this.history.save(
        [
          {
            file: `reports/${slug}`,
            write: async () => {
              try {
                await importReport({ docx, contentDir: this.paths.contentDir, slug });
              } catch (err) {
                if (err instanceof DocxImportError) throw new UploadRefused(err.message.replace(scratch, ''));
                throw err;
              }
            },
          },
        ],
        `Brought in from Word: ${fileName}`,
        author,
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    return slug;
  }

  /**
   * A picture put beside the report, with its description asked for at once. The description goes through the build's
   * own image checks (on the picture's line as it would be written), and the picture through the same safety checks
   * as every picture; a refusal leaves nothing behind. Returns the line to put in the text.
   */
  async addPicture(
    slug: string,
    fileName: string,
    bytes: Buffer,
    description: { alt: string; caption?: string },
    author: Author,
  ): Promise<{ name: string; line: string }> {
    if (/[/\\]/.test(fileName) || fileName.includes('\0'))
      throw new UploadRefused(
        'The file name has a folder in it ("/" or "\\"), so it was not used. Rename the file and choose it again.',
      );
    const extension = path.extname(fileName).toLowerCase();
    if (!(PICTURE_TYPES as readonly string[]).includes(extension))
      throw new UploadRefused(
        `${fileName} is not a picture the site can show. Save it as PNG or JPEG (or SVG for a chart) and choose it again.`,
      );
    if (bytes.length === 0) throw new UploadRefused(`${fileName} is empty. Choose the file again.`);
    if (!description.alt.trim())
      throw new UploadRefused(
        'Describe the picture for someone who cannot see it: what it shows, and why it is there. (A picture that is only decoration can be added to the text by hand with ![""](file.jpg).)',
      );
    const name = `${slugify(fileName.slice(0, fileName.length - extension.length)) || 'picture'}${extension === '.jpeg' ? '.jpg' : extension}`;
    const file = path.join(this.paths.contentDir, 'reports', slug, name);
    if (existsSync(file))
      throw new UploadRefused(`This report already has a picture called ${name}. Rename the file and choose it again.`);
    const line = pictureLine(name, description.alt, description.caption);
    await writeFile(file, bytes, { flag: 'wx' });
    try {
      // The picture's line checked where it would go (after the text), with the build's own checks.
      const text = (await this.read(slug, 'report')) ?? '';
      const withPicture = `${text.replace(/\n*$/, '')}\n\n${line}\n`;
      const at = withPicture.split('\n').length - 1;
      const found = (await this.check(slug, { which: 'report', text: withPicture })).problems.filter(
        (p) => p.which === 'report' && p.line === at && p.severity === 'error',
      );
      if (found.length) throw new UploadRefused(found.map((p) => `${upperFirst(p.message)}: ${p.fix}.`).join(' '));
    } catch (err) {
      await rm(file, { force: true });
      throw err;
    }
    await this.history.save(
      [{ file: `reports/${slug}/${name}`, write: () => Promise.resolve() }],
      `Added the picture ${name}`,
      author,
    );
    return { name, line };
  }

  /** The version an editor opens a file at: the commit that last changed it ('' when the file is new). */
  async versionOf(slug: string, which: EditableFile): Promise<string> {
    return (await this.history.lastCommitOf(relativeFile(slug, which))) ?? '';
  }

  /**
   * Saves a file if nobody saved it since `base`; else nothing is written and `conflict` carries the version that is
   * there now, so the page can show both.
   */
  async save(
    slug: string,
    which: EditableFile,
    text: string,
    base: string,
    author: Author,
  ): Promise<{ saved: true; version: string } | { conflict: true; current: string }> {
    const file = relativeFile(slug, which);
    const normalised = text.replace(/\r\n?/g, '\n');
    const result = await this.history.save(
      [{ file, write: () => writeFile(absoluteFile(this.paths.contentDir, slug, which), normalised) }],
      `Saved the ${EDITABLE_FILES[which].label.toLowerCase()}`,
      author,
      async () => ((await this.history.unlocked.lastCommitOf(file)) ?? '') === base,
    );
    if ('conflict' in result) return { conflict: true, current: await this.versionOf(slug, which) };
    return { saved: true, version: await this.versionOf(slug, which) };
  }

  /** Makes an earlier version the newest: itself a new version, so the restore can be undone the same way. */
  async restore(slug: string, commit: string, author: Author): Promise<string | undefined> {
    const folder = `reports/${slug}`;
    const known = (await this.history.versions([folder])).find((v) => v.commit === commit);
    if (!known) return undefined;
    const result = await this.history.save(
      [
        {
          file: folder,
          write: async () => {
            await this.history.unlocked.extract(commit, [folder], this.paths.contentDir);
            // Text files absent from that version are removed; pictures added since stay (they harm nothing).
            for (const which of Object.keys(EDITABLE_FILES) as EditableFile[])
              if ((await this.history.unlocked.fileAt(commit, relativeFile(slug, which))) === undefined)
                await rm(absoluteFile(this.paths.contentDir, slug, which), { force: true });
          },
        },
      ],
      `Restored the version of ${known.at.slice(0, 16).replace('T', ' ')} (${commit.slice(0, 7)}): ${known.message.split('\n')[0]}`,
      author,
    );
    return 'commit' in result ? (result.commit ?? commit) : undefined;
  }

  check(slug: string, unsaved?: { which: EditableFile; text: string }): Promise<CheckedReport> {
    return checkReportText(this.paths.contentDir, slug, unsaved);
  }

  read(slug: string, which: EditableFile): Promise<string | undefined> {
    return readSaved(this.paths.contentDir, slug, which);
  }

  queue(kind: 'preview' | 'publish', slug: string, by: string, note?: string): number {
    const id = queueJob(this.db, { kind, slug, by, ...(note ? { note } : {}) });
    this.jobs.kick();
    return id;
  }
}
