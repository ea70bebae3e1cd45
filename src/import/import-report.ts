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
import { pictureCache } from '../build/build-context.ts';
import { isSvg } from '../engines/images/safe-pictures.ts';
import { sanitiseSvg } from '../engines/images/svg-sanitiser.ts';

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

/** An embedded picture as it may be written into the report folder: SVGs go through the same cleaning as the build's. */
async function importablePicture(name: string, data: Buffer): Promise<{ data?: Buffer | string; warning?: string }> {
  if (!isSvg(name)) return { data };
  const cleaned = await sanitiseSvg(data.toString('utf8'));
  if (cleaned.refused)
    return {
      warning: `A picture in the Word file (${name}) was left out: ${cleaned.refused}. Export it again as a PNG and add it to the report.`,
    };
  return {
    data: cleaned.svg!,
    ...(cleaned.removed.length
      ? {
          warning: `A picture in the Word file (${name}) had parts that could run code or load things from other websites, which were taken out: ${cleaned.removed.join('; ')}.`,
        }
      : {}),
  };
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
    for (const [name, data] of imported.images) {
      // A picture from inside the Word file is written as it will be published: an SVG cleaned, or left out.
      const picture = await importablePicture(name, data);
      if (picture.warning) imported.warnings.push(picture.warning);
      if (picture.data !== undefined) await writeFile(path.join(staging, name), picture.data);
    }
    await rename(staging, folder);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  const file = path.join(folder, 'index.md');
  const site = await loadSite(options.contentDir, { includeDrafts: true });
  const all = [...site.problems, ...(await checkSite(site, pictureCache()))];
  const problems = all
    .filter((p) => path.resolve(p.file) === path.resolve(file))
    .sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error') || a.line - b.line);
  return { folder, file, slug, images: imported.images.size, problems, warnings: imported.warnings };
}
