/**
 * Imports a Word document into a content folder as reports/<slug>/ (index.md and its pictures), then runs the content
 * checks on the site with it, so the editor gets the usual file:line list of what to fix. Never overwrites: an
 * existing report folder stops the import. The folder is written under a temporary name and renamed when complete,
 * so a failed import leaves nothing behind.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadSite } from '../report/load-site.ts';
import { checkSite } from '../checks/content-checks.ts';
import type { Problem } from '../report/problems.ts';
import { reportSlug } from '../report/scaffold.ts';
import { docxToReport, DocxImportError } from './docx.ts';

export interface ImportOptions {
  docx: string;
  contentDir: string;
  slug?: string;
  today?: string;
}

export interface ImportResult {
  folder: string;
  file: string;
  slug: string;
  images: number;
  /** The content checks' findings for the new report (errors first). */
  problems: Problem[];
  /** What the converter could not carry over. */
  warnings: string[];
}

export async function importReport(options: ImportOptions): Promise<ImportResult> {
  if (!/\.docx$/i.test(options.docx))
    throw new DocxImportError(
      `${path.basename(options.docx)} is not a .docx file: open it in Word or LibreOffice and save it as a Word Document (.docx)`,
    );
  const bytes = await readFile(options.docx).catch((err: NodeJS.ErrnoException) => {
    throw new DocxImportError(
      err.code === 'ENOENT'
        ? `${options.docx} does not exist: check the file's name and folder`
        : `${options.docx} cannot be read (${err.code})`,
    );
  });
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const imported = await docxToReport(bytes, today);
  const slug = options.slug
    ? reportSlug(options.slug)
    : reportSlug(path.basename(options.docx, path.extname(options.docx)));
  const reports = path.join(options.contentDir, 'reports');
  const folder = path.join(reports, slug);
  if (
    await stat(folder).then(
      () => true,
      () => false,
    )
  )
    throw new DocxImportError(`${folder} already exists, so nothing was written: choose another name with --slug`);
  const staging = path.join(reports, `.importing-${slug}-${process.pid}`);
  try {
    await mkdir(staging, { recursive: true });
    await writeFile(path.join(staging, 'index.md'), imported.markdown);
    for (const [name, data] of imported.images) await writeFile(path.join(staging, name), data);
    await rename(staging, folder);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  const file = path.join(folder, 'index.md');
  const site = await loadSite(options.contentDir, { includeDrafts: true });
  const all = [...site.problems, ...(await checkSite(site))];
  const problems = all
    .filter((p) => path.resolve(p.file) === path.resolve(file))
    .sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error') || a.line - b.line);
  return { folder, file, slug, images: imported.images.size, problems, warnings: imported.warnings };
}
