// The lab's keyboard shortcuts, listed once: the help dialog renders this table and
// shortcuts.ts implements it.
export const SHORTCUTS = [
  { keys: 'Ctrl + Enter', does: 'Press the first Run button (saves your files, runs the command)' },
  { keys: 'Ctrl + Shift + Enter', does: 'Check your code' },
  { keys: 'Alt + 1 … 9', does: 'Focus terminal 1 … 9' },
  { keys: 'Alt + 0', does: 'Focus the editor' },
  { keys: '?', does: 'Show this list (outside the editor and terminals)' },
] as const;
