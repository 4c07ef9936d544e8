/**
 * Turning a selection in the rendered article back into UTF-16 offsets of the body: every piece of body text is
 * one element with `data-at` (its offset) holding one text node; badges and other chrome carry no `data-at`.
 */
export type SelectedSpan = { start: number; end: number; text: string } | { problem: string };

function boundaryOffset(root: HTMLElement, node: Node, offset: number): number {
  const pieces = [...root.querySelectorAll<HTMLElement>('[data-at]')];
  const holder = pieces.find((el) => el.firstChild === node);
  if (holder) return Number(holder.dataset.at) + offset;
  // A boundary between elements (or inside a badge): the start of the first piece at or after it.
  const probe = document.createRange();
  probe.setStart(node, offset);
  for (const el of pieces) {
    const range = document.createRange();
    range.selectNodeContents(el);
    if (probe.compareBoundaryPoints(Range.START_TO_START, range) <= 0) return Number(el.dataset.at);
  }
  const last = pieces.at(-1);
  return last ? Number(last.dataset.at) + (last.textContent?.length ?? 0) : 0;
}

/** The current selection as a span of `body`, edges' whitespace left out; or why it cannot be one. */
export function selectedSpan(root: HTMLElement, body: string): SelectedSpan | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) {
    return { problem: 'The selection reaches outside the article body: select text inside the body only.' };
  }
  let start = boundaryOffset(root, range.startContainer, range.startOffset);
  let end = boundaryOffset(root, range.endContainer, range.endOffset);
  while (start < end && /\s/.test(body[start])) start++;
  while (end > start && /\s/.test(body[end - 1])) end--;
  if (start >= end) return { problem: 'The selection holds no text of the article body.' };
  return { start, end, text: body.slice(start, end) };
}
