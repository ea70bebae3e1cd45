/**
 * The print editions' shortcut past their own planning: a PDF's job (its print model) takes most of a no-change build
 * to compute — every word of 100 reports measured at every edition's size — only to find the PDF in the cache. A plan
 * key hashes what the job is made from instead: the pipeline's code (see build/code-identity.ts), the report's source
 * text, its pictures (by content), the organisation, the site's address, the edition and what the other formats are.
 * The same inputs through the same code give the same job, so the PDF cached for it is the one to use.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { codeIdentity } from '../../build/code-identity.ts';
import { writeAtomically } from '../../build/write-atomically.ts';

export async function planKey(inputs: unknown): Promise<string> {
  return createHash('sha256')
    .update(await codeIdentity())
    .update(JSON.stringify(inputs))
    .digest('hex')
    .slice(0, 32);
}

/** The cached PDF made for a plan, by its file in the PDF cache. */
export class PrintPlans {
  constructor(private readonly dir: string) {}

  async find(key: string): Promise<string | undefined> {
    const text = await readFile(path.join(this.dir, `${key}.json`), 'utf8').catch(() => undefined);
    return text ? (JSON.parse(text) as { pdf: string }).pdf : undefined;
  }

  async remember(key: string, pdf: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeAtomically(path.join(this.dir, `${key}.json`), JSON.stringify({ pdf }));
  }
}
