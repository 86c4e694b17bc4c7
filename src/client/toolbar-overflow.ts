// Keeps the lesson toolbar on one row: the Run buttons that do not fit (lessons have up to eight)
// move, in their order, into a "More runs" list that opens under its button, as in VS Code's
// overflowing toolbars. Refitted whenever the toolbar's width changes; the buttons are moved, not
// copied, so their click handlers and the Ctrl+Enter shortcut keep working wherever they sit.

export function keepOnOneRow(toolbar: HTMLElement): void {
  const group = toolbar.querySelector<HTMLElement>('[data-role="run-group"]');
  const more = toolbar.querySelector<HTMLElement>('[data-role="more-runs"]');
  if (!group || !more) return;
  const toggle = more.querySelector<HTMLButtonElement>('[data-action="more-runs"]')!;
  const list = more.querySelector<HTMLElement>('[data-role="more-runs-list"]')!;
  const buttons = [...group.querySelectorAll<HTMLButtonElement>('[data-run-label]')];

  const setOpen = (open: boolean) => {
    toggle.setAttribute('aria-expanded', String(open));
    list.hidden = !open;
  };
  const overflows = () => group.scrollWidth > group.clientWidth + 1;
  const fit = () => {
    const focused = document.activeElement;
    group.append(...buttons);
    more.hidden = true;
    if (overflows()) {
      more.hidden = false;
      // The first button always stays in the row: it is the lesson's main action.
      while (overflows() && group.children.length > 1) list.prepend(group.lastElementChild!);
    }
    toggle.textContent = `${toggle.dataset.label ?? (toggle.dataset.label = toggle.textContent!)} (${list.children.length})`;
    if (focused instanceof HTMLElement && focused !== document.activeElement) focused.focus();
  };

  toggle.addEventListener('click', () => {
    const open = list.hidden;
    setOpen(open);
    if (open) list.querySelector<HTMLElement>('button')?.focus();
  });
  // A run pressed from the list closes it; so do Escape and a click anywhere else.
  list.addEventListener('click', (event) => {
    if ((event.target as Element).closest('button')) setOpen(false);
  });
  more.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || list.hidden) return;
    event.stopPropagation();
    setOpen(false);
    toggle.focus();
  });
  document.addEventListener('pointerdown', (event) => {
    if (!more.contains(event.target as Node)) setOpen(false);
  });
  new ResizeObserver(fit).observe(toolbar);
  fit();
}
