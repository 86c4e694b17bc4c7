// Keyboard shortcuts of the workbench (listed in shortcut-list.ts and the help dialog), plus the
// terminals' screen reader setting. Listens in the capture phase so the editor and terminals,
// which keep most keys for themselves, do not swallow them.
import type { EditorPane } from './editor-pane';
import type { TerminalView } from './terminal-view';
import { screenReaderMode, setScreenReaderMode } from './browser-settings';

export function installShortcuts(root: HTMLElement, editor: EditorPane, terminals: Map<string, TerminalView>): void {
  const dialog = root.querySelector<HTMLDialogElement>('[data-role="shortcuts-dialog"]')!;
  root.querySelector('[data-action="shortcuts"]')?.addEventListener('click', () => dialog.showModal());
  const setting = dialog.querySelector<HTMLInputElement>('[data-setting="screen-reader"]')!;
  setting.checked = screenReaderMode();
  setting.addEventListener('change', () => {
    setScreenReaderMode(setting.checked);
    for (const view of terminals.values()) view.term.options.screenReaderMode = setting.checked;
  });

  window.addEventListener(
    'keydown',
    (event) => {
      const press = (selector: string) => root.querySelector<HTMLButtonElement>(selector)?.click();
      const ctrl = event.ctrlKey || event.metaKey;
      let handled = true;
      if (ctrl && event.key === 'Enter') press(event.shiftKey ? '[data-action="check"]' : '[data-run-label]');
      else if (event.altKey && !ctrl && /^Digit[0-9]$/.test(event.code)) {
        const index = Number(event.code.slice(5));
        if (index === 0) editor.focus();
        else [...terminals.values()][index - 1]?.focus();
      } else if (event.altKey && !ctrl && event.code === 'KeyT') root.querySelector<HTMLElement>('[role="toolbar"] button')?.focus();
      else if (event.altKey && !ctrl && event.code === 'KeyR') focusResults(root);
      else if (event.key === '?' && !isTyping(event.target)) dialog.showModal();
      else handled = false;
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    { capture: true },
  );
}

/** The tool panel's selected tab (Break it or Check results), opening the panel if it was hidden. */
function focusResults(root: HTMLElement): void {
  const toggle = root.querySelector<HTMLButtonElement>('[data-action="toggle-tools"]');
  if (toggle?.getAttribute('aria-expanded') === 'false') toggle.click();
  root.querySelector<HTMLElement>('.lab-tools [role="tab"][aria-selected="true"]')?.focus();
}

/** In the editor, a terminal or a form field, "?" is just a character. */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA'].includes(target.tagName) || !!target.closest('.monaco-editor, .xterm'))
  );
}
