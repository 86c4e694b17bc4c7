// The WAI-ARIA tabs pattern, once: aria-selected and a roving tabindex, Left/Right/Home/End move
// between tabs. Used by the editor's file tabs and the lab tools (Break it, Check results).
export function selectTab(tabs: HTMLElement[], selected: HTMLElement): void {
  for (const tab of tabs) {
    const on = tab === selected;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
  }
}

/** Arrow-key navigation for a tablist; `activate` is called with the tab to switch to. */
export function handleTabKeys(tablist: HTMLElement, tabs: HTMLElement[], activate: (tab: HTMLElement) => void): void {
  tablist.addEventListener('keydown', (event) => {
    const index = tabs.findIndex((t) => t.getAttribute('aria-selected') === 'true');
    const last = tabs.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    activate(tabs[next]);
    tabs[next].focus();
    event.preventDefault();
  });
}
