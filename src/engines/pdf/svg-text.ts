/**
 * How big an SVG picture's own text prints. Print editions rasterise pictures, so a chart's labels are pixels at the
 * chart's scale: a 12-unit label in a 600-unit-wide chart printed 481 pt wide is 9.6 pt, far below large print.
 * This reads the font sizes the SVG sets (attributes, style attributes and simple <style> rules, inherited down the
 * tree; 16 when none is set, as in a browser) and the width of its drawing (viewBox, else width).
 */

export interface SvgText {
  /** Width of the drawing in its own units. */
  width: number;
  /** Smallest font size of any text, in the drawing's units; undefined when the SVG has no text. */
  smallestFontSize?: number;
  /** That text, for messages. */
  sample?: string;
}

const DEFAULT_FONT_SIZE = 16;

function sizeIn(value: string | undefined, inherited: number): number | undefined {
  const match = /^\s*([\d.]+)\s*(px|pt|em|%)?\s*$/.exec(value ?? '');
  if (!match) return undefined;
  const number = Number(match[1]);
  switch (match[2]) {
    case 'pt':
      return (number * 4) / 3;
    case 'em':
      return number * inherited;
    case '%':
      return (number / 100) * inherited;
    default:
      return number;
  }
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}\\s*=\\s*(["'])(.*?)\\1`).exec(attributes)?.[2];
}

function styleFontSize(style: string | undefined): string | undefined {
  return /font-size\s*:\s*([^;]+)/.exec(style ?? '')?.[1];
}

/** font-size from simple rules: `text {…}`, `.label {…}`, `tspan, .x {…}`. */
function cssRules(svg: string): Array<{ selector: string; size: string }> {
  const rules: Array<{ selector: string; size: string }> = [];
  for (const [, css] of svg.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
    for (const [, selectors, body] of css!.replace(/<!\[CDATA\[|\]\]>/g, '').matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      const size = styleFontSize(body);
      if (size) for (const selector of selectors!.split(',')) rules.push({ selector: selector.trim(), size });
    }
  }
  return rules;
}

export function measureSvgText(svg: string): SvgText {
  const root = /<svg\b([^>]*)>/.exec(svg)?.[1] ?? '';
  const viewBox = attribute(root, 'viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  const width = viewBox?.[2] ?? sizeIn(attribute(root, 'width'), DEFAULT_FONT_SIZE) ?? 300;
  const rules = cssRules(svg);
  const stack: Array<{ size: number; inText: boolean }> = [{ size: DEFAULT_FONT_SIZE, inText: false }];
  const result: SvgText = { width };
  const body = svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/gi, '');
  for (const match of body.matchAll(/<(\/?)([\w:-]+)([^>]*?)(\/?)>|([^<]+)/g)) {
    const [, closing, tag, attributes = '', selfClosing, text] = match;
    const parent = stack.at(-1)!;
    if (text !== undefined) {
      if (
        text.trim() &&
        parent.inText &&
        (result.smallestFontSize === undefined || parent.size < result.smallestFontSize)
      ) {
        result.smallestFontSize = parent.size;
        result.sample = text.trim();
      }
      continue;
    }
    if (closing) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    if (selfClosing) continue;
    const classes = (attribute(attributes, 'class') ?? '').split(/\s+/).filter(Boolean);
    const fromCss = rules
      .filter(
        (r) =>
          r.selector === tag ||
          r.selector === '*' ||
          classes.some((c) => r.selector === `.${c}` || r.selector === `${tag}.${c}`),
      )
      .at(-1)?.size;
    const size =
      sizeIn(styleFontSize(attribute(attributes, 'style')), parent.size) ??
      sizeIn(attribute(attributes, 'font-size'), parent.size) ??
      sizeIn(fromCss, parent.size) ??
      parent.size;
    stack.push({ size, inText: parent.inText || tag === 'text' });
  }
  return result;
}
