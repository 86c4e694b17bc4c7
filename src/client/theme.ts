// Light and dark: the system's choice unless the learner picked one (kept in localStorage). The
// page reads `data-theme` on <html>; the editor and terminals listen for `socketlab:theme`.
export type Theme = 'light' | 'dark';
const STORAGE_KEY = 'socketlab:theme';
const systemDark = () => matchMedia('(prefers-color-scheme: dark)').matches;

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  window.dispatchEvent(new CustomEvent<Theme>('socketlab:theme', { detail: theme }));
}

export function onThemeChange(listener: (theme: Theme) => void): void {
  window.addEventListener('socketlab:theme', (event) => listener((event as CustomEvent<Theme>).detail));
}

/** Wires the header's toggle; follows the system while the learner has not chosen. */
export function initThemeToggle(button: HTMLButtonElement): void {
  const show = () => button.setAttribute('aria-pressed', String(currentTheme() === 'dark'));
  show();
  button.addEventListener('click', () => {
    const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
    localStorage.setItem(STORAGE_KEY, next);
    apply(next);
    show();
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (localStorage.getItem(STORAGE_KEY)) return;
    apply(systemDark() ? 'dark' : 'light');
    show();
  });
}
