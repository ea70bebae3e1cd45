/**
 * Makes an SVG picture inert before it is published anywhere: an SVG is a document that can run script when opened
 * from the site's own address, and charts from chart tools and pictures inside Word files are what editors bring.
 *
 * Why DOMPurify (its SVG profile, on jsdom's XML parser) and not our own rules: it is maintained by security people,
 * fuzzed and used by browsers' own test suites, and works from an allow-list (elements and attributes it does not know
 * are removed), which is the approach WordPress's Safe SVG plugin and Drupal's SVG Image module take through
 * enshrined/svg-sanitize. Wagtail, which does not sanitise, tells sites to serve SVGs with a sandboxing
 * Content-Security-Policy instead — which the build also does (see static-host-headers.ts), as a second line.
 * DOMPurify alone keeps external references (`<image href="https://…">`, `<use href="data:…">`, `@import` and `url()`
 * in styles), so the hooks here remove every reference that does not point inside the picture itself (`#id`).
 * An XML DTD is removed before parsing: entities can smuggle markup past a reader of the text, and external entities
 * read files; a picture that then cannot be parsed is refused with the reason.
 *
 * The result says what was removed, in words for editors, so the build can warn at the picture's line.
 */
import type { JSDOM as JsdomType } from 'jsdom';
import type { DOMPurify as PurifyType } from 'dompurify';
import { codeScheme } from '../../markdown/code-urls.ts';

export interface SvgCleaning {
  /** The cleaned picture (when not refused). */
  svg?: string;
  /** What was taken out, one entry per kind ("a <script> element", "an onload attribute on <svg>"). */
  removed: string[];
  /** Why the picture cannot be used at all. */
  refused?: string;
}

/** Pictures bigger than this are refused: a chart is tens of kilobytes, and parsing is in memory. */
export const MAX_SVG_BYTES = 10 * 1024 * 1024;

/** Elements that draw something: a picture with none of them left would show nothing. */
const DRAWING = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'image', 'use']);

/** Attributes that point at something: only a reference inside the picture ("#id") is kept. */
const REFERENCES = new Set(['href', 'xlink:href', 'src']);
/** Attributes whose value could become an address (animation values, form targets): no script or data: in them. */
const URL_VALUES = new Set(['action', 'formaction', 'from', 'to', 'values', 'by']);

/** A reference inside the picture itself: "#id" (what <use> and gradients point at). */
const isInternal = (value: string): boolean => /^\s*#[^\s]*$/.test(value);

/** url(…) in a style that points outside the picture, and @import: to find (no g flag: test() would keep state)… */
const EXTERNAL_URL = /url\(\s*(?!['"]?\s*#)[^)]*\)/i;
const IMPORT = /@import/i;
/** …and to take out. */
const EXTERNAL_URLS = /url\(\s*(?!['"]?\s*#)[^)]*\)/gi;
const IMPORTS = /@import[^;]*;?/gi;

let tools: Promise<{ JSDOM: typeof JsdomType; createPurify: (window: unknown) => PurifyType }> | undefined;
/** jsdom and DOMPurify are loaded only when an SVG is new (cleaned pictures are cached by their bytes). */
function loadTools(): Promise<{ JSDOM: typeof JsdomType; createPurify: (window: unknown) => PurifyType }> {
  tools ??= Promise.all([import('jsdom'), import('dompurify')]).then(([jsdom, purify]) => ({
    JSDOM: jsdom.JSDOM,
    createPurify: purify.default as unknown as (window: unknown) => PurifyType,
  }));
  return tools;
}

function describe(element: Element): string {
  return `<${element.localName}>`;
}

export async function sanitiseSvg(text: string): Promise<SvgCleaning> {
  if (Buffer.byteLength(text) > MAX_SVG_BYTES)
    return { removed: [], refused: `it is larger than ${MAX_SVG_BYTES / 1024 / 1024} MB` };
  const removed = new Set<string>();
  let source = text.replace(/^\uFEFF/, '');
  // A DTD (and with it any entity declarations) is removed before the parser sees it.
  const doctype = /<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/i;
  if (doctype.test(source)) {
    if (/<!ENTITY/i.test(source)) removed.add('an XML DTD declaring entities (it could hide markup or read files)');
    source = source.replace(doctype, '');
  }
  // An SVG without its namespace is not an SVG to an XML parser; browsers showing it inline add it, so do we.
  if (!/<svg[^>]*\sxmlns\s*=\s*["']http:\/\/www\.w3\.org\/2000\/svg["']/i.test(source))
    source = source.replace(/<svg(?=[\s>])/i, '<svg xmlns="http://www.w3.org/2000/svg"');

  const { JSDOM, createPurify } = await loadTools();
  let dom: JsdomType;
  try {
    dom = new JSDOM(source, { contentType: 'image/svg+xml' });
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    return {
      removed: [...removed],
      refused: /entity/i.test(reason)
        ? 'it uses XML entities, which are not allowed in published pictures'
        : `it is not a readable SVG file (${reason})`,
    };
  }
  const document = dom.window.document;
  const root = document.documentElement;
  if (root.localName !== 'svg' || root.namespaceURI !== 'http://www.w3.org/2000/svg')
    return { removed: [...removed], refused: 'it is not an SVG picture (its outer element is not <svg>)' };

  const purify = createPurify(dom.window);
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (!data.allowedTags[data.tagName]) {
      removed.add(`a ${describe(element)} element`);
      return;
    }
    if (data.tagName === 'style') {
      const css = element.textContent ?? '';
      if (IMPORT.test(css) || EXTERNAL_URL.test(css)) {
        removed.add('an @import or url() to outside the picture in a <style> element');
        element.textContent = css.replace(IMPORTS, '').replace(EXTERNAL_URLS, 'none');
      }
    }
  });
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const element = node;
    const name = data.attrName.toLowerCase();
    const value = data.attrValue;
    if (/^on/.test(name)) {
      removed.add(`an ${name} attribute (script) on ${describe(element)}`);
      data.keepAttr = false;
    } else if (REFERENCES.has(name) && !isInternal(value)) {
      const scheme = codeScheme(value);
      const kind =
        scheme === 'data'
          ? 'an embedded data: address'
          : scheme
            ? 'a script link'
            : 'a link or reference to outside the picture';
      removed.add(`${kind} (${name}) on ${describe(element)}`);
      data.keepAttr = false;
    } else if (URL_VALUES.has(name) && codeScheme(value)) {
      removed.add(`a script address in ${name} on ${describe(element)}`);
      data.keepAttr = false;
    } else if (name === 'style' && (IMPORT.test(value) || EXTERNAL_URL.test(value) || /expression\s*\(/i.test(value))) {
      removed.add(`a style that loads something from outside the picture on ${describe(element)}`);
      data.attrValue = value
        .replace(IMPORTS, '')
        .replace(EXTERNAL_URLS, 'none')
        .replace(/expression\s*\(/gi, '(');
    }
  });
  purify.sanitize(root, {
    IN_PLACE: true,
    USE_PROFILES: { svg: true, svgFilters: true },
    // Animation elements are not in DOMPurify's SVG list, but say so here too: an <animate> or <set> can turn a
    // harmless attribute into a javascript: address after the picture is cleaned.
    FORBID_TAGS: [
      'script',
      'foreignObject',
      'foreignobject',
      'iframe',
      'animate',
      'set',
      'animateMotion',
      'handler',
      'listener',
    ],
  });
  // What DOMPurify took out on its own (not already described by the hooks above).
  for (const item of purify.removed) {
    const entry = item as { element?: Element; attribute?: Attr | null; from?: Element };
    const name = entry.attribute?.name.toLowerCase();
    if (name && entry.from && !/^on/.test(name) && !REFERENCES.has(name))
      removed.add(`a ${name} attribute on ${describe(entry.from)}`);
    else if (!entry.attribute && entry.element && entry.element.nodeType === 1)
      removed.add(`a ${describe(entry.element)} element`);
  }
  const drawn = [...root.querySelectorAll('*')].some(
    (e) => DRAWING.has(e.localName) && (e.localName !== 'text' || (e.textContent ?? '').trim() !== ''),
  );
  if (!drawn)
    return {
      removed: [...removed],
      refused: removed.size
        ? 'nothing would be left to show once the parts that could run code were taken out'
        : 'it draws nothing (no shapes, text or pictures)',
    };
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${new dom.window.XMLSerializer().serializeToString(root)}\n`;
  dom.window.close();
  return { svg, removed: [...removed] };
}
