/**
 * The editor desk in the browser (bundled by esbuild into /staff/editor.js; every page works without it).
 * - The text editor: CodeMirror 6 with line numbers, Markdown, search (Ctrl+F), undo, and the build's own checks
 *   re-run as you pause typing, marked at their lines and listed as text under the editor. F8 goes to the next
 *   problem; Tab is never taken by the editor, so Tab and Shift+Tab always leave it (Esc then Tab as well).
 * - The job page: its progress updates itself every two seconds until the job ends.
 */
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { markdown } from '@codemirror/lang-markdown';
import { linter, lintGutter, lintKeymap, type Diagnostic } from '@codemirror/lint';

interface CheckedProblem {
  line: number;
  here: boolean;
  file: string;
  severity: 'error' | 'warning' | 'note';
  message: string;
  fix: string;
}

const SEVERITY_WORD = { error: 'Stops publishing', warning: 'Warning', note: 'Note' } as const;

function problemItem(p: CheckedProblem): HTMLLIElement {
  const item = document.createElement('li');
  item.className = `problem problem-${p.severity}`;
  const where = document.createElement(p.here && p.line > 0 ? 'a' : 'span');
  where.textContent = p.here && p.line > 0 ? `Line ${p.line}` : p.line > 0 ? `${p.file}, line ${p.line}` : p.file;
  if (where instanceof HTMLAnchorElement) {
    where.href = '#text';
    where.dataset.line = String(p.line);
  }
  const word = document.createElement('strong');
  word.textContent = `${SEVERITY_WORD[p.severity]}: `;
  item.append(word, where, `: ${p.message}. Fix: ${p.fix}.`);
  return item;
}

function startEditor(textarea: HTMLTextAreaElement): void {
  const form = textarea.form!;
  const checkUrl = textarea.dataset.checkUrl!;
  const csrf = (form.elements.namedItem('csrf') as HTMLInputElement).value;
  const which = (form.elements.namedItem('file') as HTMLInputElement).value;
  const list = document.getElementById('problems-list');
  const summary = document.getElementById('problems-summary');
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';

  const check = async (view: EditorView): Promise<Diagnostic[]> => {
    const body = new URLSearchParams({ csrf, file: which, text: view.state.doc.toString() });
    const response = await fetch(checkUrl, { method: 'POST', body, credentials: 'same-origin' });
    if (!response.ok) return [];
    const result = (await response.json()) as { errors: number; warnings: number; problems: CheckedProblem[] };
    if (list) list.replaceChildren(...result.problems.map(problemItem));
    const words = `${result.errors} ${result.errors === 1 ? 'problem stops' : 'problems stop'} publishing, ${result.warnings} ${result.warnings === 1 ? 'warning' : 'warnings'} (checked as you type; not saved yet).`;
    if (summary && summary.textContent !== words) summary.textContent = words;
    const doc = view.state.doc;
    return result.problems
      .filter((p) => p.here && p.line > 0 && p.line <= doc.lines)
      .map((p) => {
        const line = doc.line(p.line);
        return {
          from: line.from,
          to: line.to,
          severity: p.severity === 'note' ? 'info' : p.severity,
          message: `${p.message}. Fix: ${p.fix}.`,
        };
      });
  };

  const unsaved = unsavedStore(textarea, which);
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      // basicSetup without folding (its markers fail contrast, and a report is read top to bottom) or autocomplete.
      lineNumbers(),
      highlightActiveLine(),
      drawSelection(),
      history(),
      search({ top: true }),
      highlightSelectionMatches(),
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
      markdown(),
      lintGutter(),
      linter(check, { delay: 700 }),
      EditorView.lineWrapping,
      EditorView.updateListener.of((update) => {
        if (update.docChanged) unsaved.keep(update.state.doc.toString());
      }),
      EditorView.cspNonce.of(nonce),
      EditorView.contentAttributes.of({
        'aria-label': textarea.labels?.[0]?.textContent?.trim() ?? 'Text',
        'aria-describedby': textarea.getAttribute('aria-describedby') ?? '',
      }),
    ],
  });
  textarea.hidden = true;
  textarea.after(view.dom);
  offerUnsaved(view, textarea, unsaved);
  form.addEventListener('submit', () => {
    textarea.value = view.state.doc.toString();
  });
  // A picture just added: its line goes in at the cursor, as a paragraph of its own.
  const insert = document.getElementById('insert-picture');
  const pictureLine = document.getElementById('picture-line')?.textContent ?? '';
  if (insert && pictureLine) {
    insert.hidden = false;
    insert.addEventListener('click', () => {
      const at = view.state.doc.lineAt(view.state.selection.main.head);
      const text = `${at.text.trim() ? '\n\n' : '\n'}${pictureLine}\n`;
      view.dispatch({ changes: { from: at.to, insert: text }, selection: { anchor: at.to + text.length } });
      view.focus();
    });
  }
  // "Line 12" in the problem list moves the cursor there and into the editor.
  document.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-line]');
    if (!link) return;
    event.preventDefault();
    const n = Math.min(Number(link.dataset.line), view.state.doc.lines);
    const line = view.state.doc.line(n);
    view.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
    view.focus();
  });
}

/**
 * Unsaved text is kept in this tab (sessionStorage) as it is typed, so a save refused because the session ended, or a
 * page closed by mistake, loses nothing: the next time the same version is opened, the editor offers it back.
 */
function unsavedStore(textarea: HTMLTextAreaElement, which: string) {
  const key = `editor-unsaved:${location.pathname}:${which}`;
  const base = (textarea.form!.elements.namedItem('base') as HTMLInputElement).value;
  if (document.querySelector('[data-saved]')) sessionStorage.removeItem(key);
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    base,
    kept: (): { base: string; text: string; at: string } | null =>
      JSON.parse(sessionStorage.getItem(key) ?? 'null') as { base: string; text: string; at: string } | null,
    keep(text: string): void {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const at = new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
        sessionStorage.setItem(key, JSON.stringify({ base, text, at }));
      }, 500);
    },
  };
}

function offerUnsaved(view: EditorView, textarea: HTMLTextAreaElement, store: ReturnType<typeof unsavedStore>): void {
  const kept = store.kept();
  if (!kept || kept.base !== store.base || kept.text === textarea.value) return;
  const notice = document.createElement('div');
  notice.className = 'notice';
  const words = document.createElement('p');
  words.textContent = `This page has text you typed at ${kept.at} that was not saved.`;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button-secondary';
  button.textContent = 'Put my unsaved text back';
  button.addEventListener('click', () => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: kept.text } });
    notice.remove();
    view.focus();
  });
  notice.append(words, button);
  textarea.form!.before(notice);
}

function followJob(region: HTMLElement): void {
  const stage = document.getElementById('job-stage');
  const update = async (): Promise<void> => {
    const response = await fetch(location.href, { credentials: 'same-origin' });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const next = page.getElementById('job-progress');
    const nextStage = page.getElementById('job-stage');
    if (next) region.innerHTML = next.innerHTML;
    if (stage && nextStage && stage.textContent !== nextStage.textContent) stage.textContent = nextStage.textContent;
    if (!next?.hasAttribute('data-running')) {
      region.removeAttribute('data-running');
      clearInterval(timer);
    }
  };
  const timer = setInterval(() => void update(), 2000);
}

const textarea = document.querySelector<HTMLTextAreaElement>('textarea[data-check-url]');
if (textarea) startEditor(textarea);
const job = document.querySelector<HTMLElement>('#job-progress[data-running]');
if (job) followJob(job);
