/**
 * The easy-read edition's audio script: its own words, read slowly and plainly. Chapters are its sections (and the
 * hard words); each point is a paragraph; a picture's description is not read, because the words already say it.
 */
import type { EasyReadDocument } from '../easy-read/model.ts';
import type { Inline } from '../../report/model.ts';
import { plainText } from '../../report/plain-text.ts';
import type { Organisation } from '../../report/site-data.ts';
import { listInWords } from '../available.ts';
import { PAUSES, type AudioChapter, type AudioScript } from './script.ts';
import { applyPronunciations, speakableText, type Piece } from './speakable.ts';

const text = (t: string): Piece => ({ kind: 'text', text: t });
const pause = (ms: number): Piece => ({ kind: 'pause', ms });

function sentence(nodes: readonly Inline[] | string): Piece[] {
  const words = (typeof nodes === 'string' ? nodes : plainText(nodes)).replace(/\s+/g, ' ').trim();
  return speakableText(/[.!?:]$/.test(words) ? words : `${words}.`);
}

export function toEasyReadAudioScript(
  doc: EasyReadDocument,
  options: { organisation: Organisation; pronunciations?: Readonly<Record<string, string>> },
): AudioScript {
  const org = options.organisation;
  const heading = (title: string): Piece[] => [
    pause(PAUSES.beforeSection),
    ...sentence(title),
    pause(PAUSES.afterSection),
  ];
  const chapters: AudioChapter[] = [];
  const intro: Required<AudioChapter> = {
    title: 'Introduction',
    paragraphs: [
      [...sentence(doc.meta.title), pause(PAUSES.afterSection)],
      [text(`This is the easy read version, read aloud. It is by ${org.name}.`)],
    ],
    anchors: ['title', undefined],
  };
  doc.sections.forEach((section, s) => {
    // Anchors name what the easy-read page shows: "p-<section>-<point>", "h-<section>", "hard-<n>".
    const points = section.points.map((point, p) => ({ pieces: sentence(point.content), anchor: `p-${s}-${p}` }));
    if (!section.heading) {
      intro.paragraphs.push(...points.map((p) => p.pieces));
      intro.anchors.push(...points.map((p) => p.anchor));
      return;
    }
    chapters.push({
      title: section.heading.text,
      paragraphs: [heading(section.heading.text), ...points.map((p) => p.pieces)],
      anchors: [`h-${s}`, ...points.map((p) => p.anchor)],
    });
  });
  if (doc.hardWords.length) {
    chapters.push({
      title: 'Hard words',
      paragraphs: [
        heading('Hard words'),
        ...doc.hardWords.map((hard) => [...sentence(`${hard.word}:`), text(' '), ...sentence(hard.explanation)]),
      ],
      anchors: ['hard-words', ...doc.hardWords.map((_, i) => `hard-${i}`)],
    });
  }
  const routes = [`phone ${org.phone}`, ...(org.text ? [`text ${org.text}`] : []), `email ${org.email}`];
  chapters.push({
    title: 'Contact us',
    paragraphs: [
      heading('Contact us'),
      [text('You can ask us for this in another way. '), ...speakableText(`You can ${listInWords(routes)}.`)],
      [text('This is the end.')],
    ],
  });
  const pronunciations = options.pronunciations ?? {};
  return {
    title: doc.meta.title,
    lang: doc.meta.lang,
    chapters: [intro, ...chapters].map((c) => ({
      ...c,
      paragraphs: c.paragraphs.map((p) => applyPronunciations(p, pronunciations)),
    })),
  };
}
