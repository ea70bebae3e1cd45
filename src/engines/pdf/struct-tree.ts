/**
 * A PDF's tag tree, read with pdf-lib: for each page, the marked-content ids in the order the tree reads them (what
 * assistive technology follows), and the elements the read-back inspects (figures, list items).
 */
import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject } from 'pdf-lib';
import { resolve } from './pdf-objects.ts';

export interface StructElement {
  role: string;
  alt?: string;
  children: StructElement[];
  /** The marked content this element holds itself (not its children's), with the page each is on. */
  content: Array<{ page: PDFDict; mcid: number }>;
}

export interface StructTree {
  /** Top-level elements; empty when the PDF has no tag tree. */
  roots: StructElement[];
  /** Marked-content ids in reading order, by page object. */
  contentOrder: Map<PDFDict, number[]>;
}

export function readStructTree(doc: PDFDocument): StructTree {
  const tree: StructTree = { roots: [], contentOrder: new Map() };
  const root = resolve(doc, doc.catalog.get(PDFName.of('StructTreeRoot')));
  if (!(root instanceof PDFDict)) return tree;
  const roleMapDict = resolve(doc, root.get(PDFName.of('RoleMap')));
  const roleMap = new Map<string, string>();
  if (roleMapDict instanceof PDFDict)
    for (const [key, value] of roleMapDict.entries()) roleMap.set(key.decodeText(), String(value).replace(/^\//, ''));
  const standard = (role: string): string => {
    for (let hops = 0; hops < 8 && roleMap.has(role); hops++) role = roleMap.get(role)!;
    return role;
  };
  const addContent = (
    page: PDFObject | undefined,
    mcid: number,
    holder: Array<{ page: PDFDict; mcid: number }>,
  ): void => {
    const pageDict = resolve(doc, page);
    if (!(pageDict instanceof PDFDict)) return;
    const list = tree.contentOrder.get(pageDict) ?? [];
    list.push(mcid);
    tree.contentOrder.set(pageDict, list);
    holder.push({ page: pageDict, mcid });
  };
  const visit = (
    element: PDFDict,
    inheritedPage: PDFObject | undefined,
    depth: number,
    content: Array<{ page: PDFDict; mcid: number }>,
  ): StructElement[] => {
    if (depth > 200) return [];
    const page = element.get(PDFName.of('Pg')) ?? inheritedPage;
    const kids = resolve(doc, element.get(PDFName.of('K')));
    const list = kids instanceof PDFArray ? kids.asArray() : kids === undefined ? [] : [kids];
    const children: StructElement[] = [];
    for (const item of list) {
      const kid = resolve(doc, item);
      if (kid instanceof PDFNumber) addContent(page, kid.asNumber(), content);
      else if (kid instanceof PDFDict) {
        const type = kid.get(PDFName.of('Type'));
        if (type === PDFName.of('MCR')) {
          const mcid = resolve(doc, kid.get(PDFName.of('MCID')));
          if (mcid instanceof PDFNumber) addContent(kid.get(PDFName.of('Pg')) ?? page, mcid.asNumber(), content);
        } else if (type !== PDFName.of('OBJR') && kid.has(PDFName.of('S'))) {
          const alt = resolve(doc, kid.get(PDFName.of('Alt')));
          const own: Array<{ page: PDFDict; mcid: number }> = [];
          children.push({
            role: standard(String(kid.get(PDFName.of('S'))).replace(/^\//, '')),
            ...(alt && 'decodeText' in alt ? { alt: (alt as unknown as { decodeText(): string }).decodeText() } : {}),
            children: visit(kid, page, depth + 1, own),
            content: own,
          });
        } else if (kid.has(PDFName.of('K'))) children.push(...visit(kid, page, depth + 1, content));
      }
    }
    return children;
  };
  tree.roots = visit(root, undefined, 0, []);
  return tree;
}

/** Elements anywhere below `elements` that pass `test`. */
/** The elements that pass `test`, in tag order (each before its children). */
export function elementsWhere(
  elements: readonly StructElement[],
  test: (element: StructElement) => boolean,
): StructElement[] {
  return elements.flatMap((e) => [...(test(e) ? [e] : []), ...elementsWhere(e.children, test)]);
}

/** Each Figure element's alt text, in tag order (figures without one are left out). */
export function figureAlts(tree: StructTree): string[] {
  return elementsWhere(tree.roots, (e) => e.role === 'Figure' && Boolean(e.alt)).map((e) => e.alt!);
}

/** The marked content an element holds, its descendants' included, in tag order. */
export function contentOf(element: StructElement): Array<{ page: PDFDict; mcid: number }> {
  return [...element.content, ...element.children.flatMap(contentOf)];
}

export function countElements(elements: readonly StructElement[], test: (element: StructElement) => boolean): number {
  return elements.reduce((sum, e) => sum + (test(e) ? 1 : 0) + countElements(e.children, test), 0);
}
