/**
 * Word documents for the import tests, made with the `docx` package (a second producer besides LibreOffice): a title,
 * headings, a paragraph with bold, italic, a link and a footnote, a bulleted and a numbered list, a table with a
 * header row, and two pictures, one with the alt text the author gave in Word and one without.
 */
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import sharp from 'sharp';
import JSZip from 'jszip';

async function png(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

export async function exampleDocx(options: { title?: string } = {}): Promise<Buffer> {
  const cell = (text: string): TableCell =>
    new TableCell({ children: [new Paragraph(text)], width: { size: 3000, type: WidthType.DXA } });
  const doc = new Document({
    title: options.title ?? 'Waiting times in Riverside',
    creator: 'Riverside Community Voice',
    numbering: {
      config: [
        {
          reference: 'numbers',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    footnotes: { 1: { children: [new Paragraph('The survey ran from March to April 2025.')] } },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Waiting times in Riverside', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: 'Why we did this', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun('We asked '),
              new TextRun({ text: '412 residents', bold: true }),
              new TextRun(' about '),
              new TextRun({ text: 'booking', italics: true }),
              new TextRun(' a GP appointment.'),
              new FootnoteReferenceRun(1),
              new TextRun(' Read the '),
              new ExternalHyperlink({
                link: 'https://example.org/survey',
                children: [new TextRun({ text: 'survey questions', style: 'Hyperlink' })],
              }),
              new TextRun('.'),
            ],
          }),
          new Paragraph({
            children: [
              new ImageRun({
                type: 'png',
                data: await png('#3366aa'),
                transformation: { width: 120, height: 80 },
                altText: { name: 'chart', title: 'chart', description: 'Bar chart of how people booked' },
              }),
            ],
          }),
          new Paragraph({ text: 'What we found', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'Booking by phone', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: 'Most people phoned at 8am.', bullet: { level: 0 } }),
          new Paragraph({ text: 'Some used the app.', bullet: { level: 0 } }),
          new Table({
            rows: [
              new TableRow({ tableHeader: true, children: [cell('How people booked'), cell('Residents')] }),
              new TableRow({ children: [cell('Phone'), cell('231')] }),
              new TableRow({ children: [cell('App | online'), cell('97')] }),
            ],
          }),
          new Paragraph({
            children: [
              new ImageRun({ type: 'png', data: await png('#aa3333'), transformation: { width: 120, height: 80 } }),
            ],
          }),
          new Paragraph({ text: 'What we recommend', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'Answer calls within 10 minutes.', numbering: { reference: 'numbers', level: 0 } }),
          new Paragraph({ text: 'Offer online booking.', numbering: { reference: 'numbers', level: 0 } }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * A Word document carrying code: a link to javascript: and a picture that is an SVG with a script and an onload
 * (Word keeps SVGs; here the picture part is made an SVG by hand, as a hostile file would be).
 */
export async function hostileDocx(): Promise<Buffer> {
  const doc = new Document({
    title: 'Charts from a contributor',
    sections: [
      {
        children: [
          new Paragraph({ text: 'Charts from a contributor', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: 'Results', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun('See '),
              new ExternalHyperlink({
                link: 'javascript:fetch("/staff/")',
                children: [new TextRun({ text: 'the interactive chart', style: 'Hyperlink' })],
              }),
              new TextRun(' for more.'),
            ],
          }),
          new Paragraph({
            children: [
              new ImageRun({
                type: 'png',
                data: await png('#3366aa'),
                transformation: { width: 120, height: 80 },
                altText: { name: 'chart', title: 'chart', description: 'Bar chart of waiting times' },
              }),
            ],
          }),
        ],
      },
    ],
  });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
  const media = Object.keys(zip.files).find((name) => /^word\/media\/.+\.png$/.test(name))!;
  zip.remove(media);
  zip.file(
    'word/media/chart.svg',
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80" onload="alert(1)"><script>alert(2)</script><rect width="60" height="80" fill="#3366aa"/></svg>',
  );
  const rels = 'word/_rels/document.xml.rels';
  zip.file(rels, (await zip.file(rels)!.async('string')).replace(media.replace('word/', ''), 'media/chart.svg'));
  const types = '[Content_Types].xml';
  zip.file(
    types,
    (await zip.file(types)!.async('string')).replace(
      '<Default ',
      '<Default Extension="svg" ContentType="image/svg+xml"/><Default ',
    ),
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}
