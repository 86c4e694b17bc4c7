// The lab's keyboard shortcuts, listed once: the help dialog renders this table and
// shortcuts.ts implements it.
export const SHORTCUTS = [
  { keys: 'Ctrl + Enter', does: 'shortcuts.run' },
  { keys: 'Ctrl + Shift + Enter', does: 'shortcuts.check' },
  { keys: 'Alt + 1 … 9', does: 'shortcuts.terminal' },
  { keys: 'Alt + 0', does: 'shortcuts.editor' },
  { keys: 'Ctrl + M', does: 'shortcuts.tabMode' },
  { keys: 'Alt + T', does: 'shortcuts.toolbar' },
  { keys: 'Alt + R', does: 'shortcuts.results' },
  { keys: '?', does: 'shortcuts.help' },
] as const;
