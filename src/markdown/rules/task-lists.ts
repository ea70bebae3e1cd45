/**
 * Core rule: checklists. A list item whose text starts with `[ ]` or `[x]` and a space (GitHub's task list) gets
 * meta.done on its `list_item_open`, and the marker is removed from its text; the list's opening token gets
 * meta.checklist when every item is one. Runs before inline parsing so the marker never reaches any edition as "[ ]".
 */
import type { MarkdownIt, StateCore } from 'markdown-it';

const MARKER = /^\[([ xX])\][ \t]+(?=\S)/;

export function taskLists(md: MarkdownIt): void {
  md.core.ruler.after('block', 'task_lists', (state: StateCore) => {
    const tokens = state.tokens;
    const lists: number[] = [];
    const allTasks = new Map<number, boolean>();
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
        lists.push(i);
        allTasks.set(i, true);
      } else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') {
        const open = lists.pop();
        if (open !== undefined && allTasks.get(open))
          tokens[open]!.meta = { ...(tokens[open]!.meta ?? {}), checklist: true };
      } else if (token.type === 'list_item_open') {
        const inline = tokens[i + 2];
        const match =
          tokens[i + 1]?.type === 'paragraph_open' && inline?.type === 'inline' ? MARKER.exec(inline.content) : null;
        const list = lists.at(-1);
        if (!match || !inline) {
          if (list !== undefined) allTasks.set(list, false);
          continue;
        }
        token.meta = { ...(token.meta ?? {}), done: match[1] !== ' ' };
        inline.content = inline.content.slice(match[0].length);
      }
    }
  });
}
