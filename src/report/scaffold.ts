/**
 * A new report's starting file: valid front matter (today's date, a draft), the usual sections to fill in, and
 * comments saying what goes where. It passes every check as it stands, so an editor can preview it at once.
 */
import { slugify } from '../markdown/text.ts';

export function reportSlug(title: string): string {
  return slugify(title).slice(0, 60).replace(/-+$/, '') || 'new-report';
}

const yamlString = (text: string): string => JSON.stringify(text);

/** A new report's front matter, with the comments that say what each field is for; it starts as a draft. */
export function draftFrontMatter(title: string, summary: string, published: string): string {
  return `---
title: ${yamlString(title)}
# One or two sentences: shown in the list of reports and in search results.
summary: ${yamlString(summary)}
published: ${published}
# A draft shows in the preview (npm start) but is not published. Delete this line when the report is ready.
draft: true
---`;
}

export function scaffoldReport(title: string, today: string): string {
  return `${draftFrontMatter(title, 'What this report is about, who we heard from, and what should change.', today)}

<!--
Notes for editors (never published):
- The title above is the page's only top-level heading: sections start with ##, parts of a section with ###.
- Images go in this folder: ![what the image shows, for someone who cannot see it](photo.jpg)
- Abbreviations: explain each once at the end, like the NHS line below.
- See docs/editors-guide.md for tables, footnotes, easy read and publishing an update.
-->

Start with a short paragraph that says why this report matters.

## Summary

The main things we found, in a few sentences.

## About the research

Who we talked to, where, when, and how many people took part.

## What we found

### The first finding

What people told us.

## What we recommend

1. The first recommendation, and who should act on it.
2. The second recommendation.

## Get this report in another format

You can ask for this report in large print, easy read, audio, braille or another language. Phone, text or email us and we will send it to you.

*[NHS]: National Health Service
`;
}
