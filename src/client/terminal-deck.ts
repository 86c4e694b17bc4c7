// The row of terminals under the editor: the lesson's terminals (server left, client right) plus
// any extra shells the learner opens. Each pane shows its connection state.
import { t } from '../i18n/ui';
import type { TerminalSpec } from '../../schema/lesson';
import { LIMITS } from '../../schema/limits';
import type { SessionClient } from './session-client';
import type { LinkState } from './reconnecting-socket';
import type { TerminalView } from './terminal-view';
import type { ServerMessage } from './wire-types';

const STATE_TEXT: Record<LinkState, string> = {
  connecting: t('terminal.connecting'),
  open: t('terminal.open'),
  reconnecting: t('terminal.reconnecting'),
  failed: t('terminal.failed'),
  refused: t('terminal.noSession'),
  ended: t('terminal.ended'),
};

export class TerminalDeck {
  readonly views = new Map<string, TerminalView>();
  private readonly states = new Map<string, LinkState>();
  private module: typeof import('./terminal-view') | undefined;
  /** Extra shells opened so far: they are numbered in order, Shell 1, Shell 2… */
  private extraShells = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly sessions: SessionClient,
    private readonly onServerMessage: (terminal: string, message: ServerMessage) => void,
    /** Every terminal's link state changed: the workbench sums them up for the learner. */
    private readonly onStates: (states: LinkState[], detail?: string) => void = () => {},
    /** An extra shell was closed (the workbench moves focus to New shell). */
    private readonly onClosed: () => void = () => {},
  ) {}

  async open(specs: TerminalSpec[]): Promise<void> {
    this.module = await import('./terminal-view');
    for (const spec of specs) this.add(spec);
  }

  /** Opens one more shell in the same session (same workspace, same network). */
  addShell(): TerminalView | undefined {
    if (this.views.size >= LIMITS.maxTerminalsPerSession) return undefined;
    this.extraShells++;
    return this.add({ id: `shell-${this.extraShells}`, title: t('lab.shellTitle', { n: this.extraShells }) }, { closable: true });
  }

  /** One click gives a terminal the whole row (every other pane hidden): wide enough for tracebacks. */
  private maximizeButton(spec: TerminalSpec, pane: HTMLElement): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'quiet terminal-maximize';
    button.textContent = '⤢';
    button.setAttribute('aria-label', t('lab.maximizeTerminal', { title: spec.title }));
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => {
      const on = button.getAttribute('aria-pressed') !== 'true';
      for (const other of this.container.querySelectorAll('.terminal-maximize')) other.setAttribute('aria-pressed', 'false');
      for (const other of this.container.querySelectorAll<HTMLElement>('.terminal-pane')) other.dataset.maximized = 'false';
      button.setAttribute('aria-pressed', String(on));
      pane.dataset.maximized = String(on);
      if (on) this.container.dataset.maximized = spec.id;
      else delete this.container.dataset.maximized;
      this.views.get(spec.id)?.focus();
    });
    return button;
  }

  /** Ends an extra shell and removes its pane. */
  private close(id: string, pane: HTMLElement): void {
    const view = this.views.get(id);
    view?.connection.send({ type: 'close' });
    view?.dispose();
    this.views.delete(id);
    this.states.delete(id);
    pane.remove();
    this.onStates([...this.states.values()]);
    this.onClosed();
  }

  private add(spec: TerminalSpec, { closable = false } = {}): TerminalView {
    const pane = document.createElement('section');
    pane.className = 'terminal-pane';
    pane.dataset.terminal = spec.id;
    pane.setAttribute('aria-label', t('terminal.region', { title: spec.title }));
    const header = document.createElement('header');
    const title = document.createElement('h3');
    title.textContent = spec.title;
    const status = document.createElement('span');
    status.className = 'terminal-status';
    status.setAttribute('role', 'status');
    header.append(title, status, this.maximizeButton(spec, pane));
    if (closable) {
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'quiet terminal-close';
      close.textContent = '×';
      close.setAttribute('aria-label', t('lab.closeShell', { title: spec.title }));
      close.addEventListener('click', () => this.close(spec.id, pane));
      header.append(close);
    }
    const host = document.createElement('div');
    host.className = 'terminal-host';
    pane.append(header, host);
    this.container.append(pane);

    const view = new this.module!.TerminalView({
      host,
      terminalId: spec.id,
      title: spec.title,
      sessions: this.sessions,
      onState: (state, detail) => {
        pane.dataset.state = state;
        this.states.set(spec.id, state);
        this.onStates([...this.states.values()], detail);
        status.textContent = detail && state !== 'open' ? `${STATE_TEXT[state]} (${detail})` : STATE_TEXT[state];
      },
      onServerMessage: (message) => this.onServerMessage(spec.id, message),
    });
    this.views.set(spec.id, view);
    return view;
  }
}
