/**
 * A synthetic corpus for the benchmark: N reports of about 5,000 words each, with headings, lists, tables, a footnote,
 * abbreviations and an image, laid out as a real content folder. Deterministic for a given N.
 */
import { mkdir, writeFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const WORDS =
  'people told us that waiting for support made things harder and that clear information from services helped them feel listened to when they asked for help with their care at home or in hospital'.split(
    ' ',
  );

function sentence(seed: number, length: number): string {
  const words = Array.from({ length }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]!);
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(seed: number): string {
  return Array.from({ length: 5 }, (_, i) => sentence(seed + i, 14 + ((seed + i) % 9))).join(' ');
}

/** One report of roughly `words` words. */
export function syntheticReport(index: number, words = 5000): string {
  const parts: string[] = [
    '---',
    `title: "Synthetic report ${index}"`,
    `summary: "A generated report used to measure build speed (number ${index})."`,
    `published: ${2020 + (index % 5)}-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 27) + 1).padStart(2, '0')}`,
    '---',
    '',
    `The NHS and local services were part of this work.[^n${index}]`,
    '',
    `![A bar chart of results for report ${index}](chart.png "Figure 1")`,
    '',
  ];
  let count = 0;
  for (let section = 1; count < words; section++) {
    parts.push(`## Section ${section}`, '', paragraph(index + section), '');
    parts.push(
      `### Detail ${section}.1`,
      '',
      paragraph(index + section + 1),
      '',
      '- First point about services',
      '- Second point about waiting',
      '- Third point about information',
      '',
    );
    if (section % 3 === 0) {
      parts.push(
        `Table: Answers in section ${section}`,
        '',
        '| Answer | People | Share |',
        '| --- | ---: | ---: |',
        '| Yes | 120 | 40% |',
        '| No | 150 | 50% |',
        '| Not sure | 30 | 10% |',
        '',
      );
    }
    parts.push(`### Detail ${section}.2`, '', paragraph(index + section + 2), '', paragraph(index + section + 3), '');
    count += 4 * 5 * 18 + 20;
  }
  parts.push('*[NHS]: National Health Service', '', `[^n${index}]: A note for report ${index}.`, '');
  return parts.join('\n');
}

const ORGANISATION =
  'name: Bench Watch\nphone: 020 7946 0000\nemail: bench@example.org\naddress:\n  - 1 Bench Street\nwebsite: https://example.org/\n';
const SITE =
  'url: https://bench.example.org/\naccessibility:\n  status: fully\n  prepared: 2024-01-01\n  reviewed: 2024-01-01\n  testedBy: Benchmark corpus.\n';

export async function writeCorpus(dir: string, count: number): Promise<void> {
  await mkdir(path.join(dir, '_data'), { recursive: true });
  await writeFile(path.join(dir, '_data', 'organisation.yml'), ORGANISATION);
  await writeFile(path.join(dir, '_data', 'site.yml'), SITE);
  const chart = path.join(dir, 'chart.png');
  await sharp({ create: { width: 1200, height: 600, channels: 3, background: '#1d4e89' } })
    .png()
    .toFile(chart);
  for (let i = 1; i <= count; i++) {
    const folder = path.join(dir, 'reports', `report-${i}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'index.md'), syntheticReport(i));
    await copyFile(chart, path.join(folder, 'chart.png'));
  }
}
