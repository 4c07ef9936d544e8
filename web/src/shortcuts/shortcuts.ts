import { useEffect, useLayoutEffect, useRef } from 'react';

export type ShortcutHandlers = Record<string, () => void>;

function isTyping(target: EventTarget | null): target is HTMLElement {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return (
    target.tagName === 'INPUT' &&
    !['button', 'checkbox', 'radio', 'submit', 'reset'].includes((target as HTMLInputElement).type)
  );
}

/**
 * Single-key shortcuts for a screen (`"1"`, `"s"`, `"?"`, `"Ctrl+Enter"`). Plain keys are ignored while the user
 * types in a field or a dialog is open; Esc leaves a text field (focus goes to `escapeTo`); Ctrl+Enter works anywhere.
 */
export function useShortcuts(handlers: ShortcutHandlers, escapeTo?: React.RefObject<HTMLElement | null>): void {
  const current = useRef(handlers);
  // The latest handlers, without re-adding the listener on every render.
  useLayoutEffect(() => {
    current.current = handlers;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const typing = isTyping(event.target);
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        const handler = current.current['Ctrl+Enter'];
        if (handler && !document.querySelector('dialog[open]')) {
          event.preventDefault();
          handler();
        }
        return;
      }
      if (event.key === 'Escape' && typing && !event.target.closest('dialog')) {
        event.target.blur();
        escapeTo?.current?.focus();
        return;
      }
      if (typing || event.ctrlKey || event.metaKey || event.altKey || document.querySelector('dialog[open]')) return;
      const handler =
        current.current[event.key.length === 1 ? event.key.toLowerCase() : event.key] ?? current.current[event.key];
      if (handler) {
        event.preventDefault();
        handler();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [escapeTo]);
}
