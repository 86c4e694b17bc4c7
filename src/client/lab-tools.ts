// <lab-tools>: the tabbed tool panel (Break it, Check results). Panels report a one-line summary
// with a `tool-badge` event, shown on their tab so the state is visible whichever tab is open.
import { t } from '../i18n/ui';
import { readSetting, writeSetting } from './browser-settings';
import { handleTabKeys, selectTab } from './tabs';

export type ToolId = 'break-it' | 'checks';

export interface ToolBadgeDetail {
  tool: ToolId;
  text: string;
  kind: 'info' | 'alert' | 'success';
}

const OPEN_SETTING = 'tools-open';

class LabTools extends HTMLElement {
  private tabs: HTMLElement[] = [];

  connectedCallback(): void {
    this.tabs = [...this.querySelectorAll<HTMLElement>('[role="tab"]')];
    for (const tab of this.tabs) tab.addEventListener('click', () => this.show(tab.dataset.tool as ToolId));
    handleTabKeys(this.querySelector('[role="tablist"]')!, this.tabs, (tab) => this.show(tab.dataset.tool as ToolId));
    const toggle = this.querySelector<HTMLButtonElement>('[data-action="toggle-tools"]')!;
    toggle.addEventListener('click', () => this.setOpen(this.dataset.open !== 'true'));
    if (readSetting(OPEN_SETTING) === 'true') this.setOpen(true);
    this.addEventListener('tool-badge', (event) => {
      const { tool, text, kind } = (event as CustomEvent<ToolBadgeDetail>).detail;
      const badge = this.querySelector<HTMLElement>(`[data-role="${tool}-badge"]`);
      if (!badge) return;
      badge.textContent = text;
      badge.dataset.kind = kind;
    });
    // New results get a taller drawer until the learner turns back to the code or a terminal.
    this.addEventListener('tool-fresh', () => {
      this.dataset.fresh = '';
      this.show('checks');
    });
    const stack = this.closest('lab-workbench')?.querySelector('.lab-stack');
    for (const type of ['pointerdown', 'focusin']) stack?.addEventListener(type, () => delete this.dataset.fresh);
  }

  /** Opens a tool's tab (and the panel, if it was hidden). */
  show(tool: ToolId): void {
    const tab = this.tabs.find((t) => t.dataset.tool === tool);
    if (!tab) return;
    selectTab(this.tabs, tab);
    for (const t of this.tabs) this.querySelector<HTMLElement>(`#${t.getAttribute('aria-controls')}`)!.hidden = t !== tab;
    this.setOpen(true);
  }

  private setOpen(open: boolean): void {
    this.dataset.open = String(open);
    writeSetting(OPEN_SETTING, String(open));
    const toggle = this.querySelector<HTMLButtonElement>('[data-action="toggle-tools"]')!;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = t(open ? 'tools.hide' : 'tools.show');
    this.querySelector<HTMLElement>('.lab-tools-body')!.hidden = !open;
  }
}

customElements.define('lab-tools', LabTools);
export type { LabTools };

/** The check panel calls this when a run's results start to come in. */
export function reportFresh(from: HTMLElement): void {
  from.dispatchEvent(new CustomEvent('tool-fresh', { bubbles: true }));
}

/** Panels call this to update their tab's badge. */
export function reportBadge(from: HTMLElement, detail: ToolBadgeDetail): void {
  from.dispatchEvent(new CustomEvent<ToolBadgeDetail>('tool-badge', { detail, bubbles: true }));
}
