// <lab-workbench>: the lab half of a lesson page. Reads the lesson config embedded at build time,
// starts (or resumes) the session, mounts terminals and the editor, and wires the Run buttons.
import { fromServer, t } from '../i18n/ui';
import type { BreakItPanel } from './break-it-panel';
import type { CheckPanel } from './check-panel';
import type { LabTools } from './lab-tools';
import { rememberLesson } from './progress-store';
import { watchOtherTabs } from './tab-presence';
import { SessionChannel } from './session-channel';
import { installShortcuts } from './shortcuts';
import { SolutionView } from './solution-view';
import { EditorPane } from './editor-pane';
import type { LessonConfig } from './lesson-config';
import { SessionClient } from './session-client';
import { TerminalDeck } from './terminal-deck';
import { keepOnOneRow } from './toolbar-overflow';
import type { LinkState } from './reconnecting-socket';
import type { SandboxNotice, ServerMessage } from './wire-types';

class LabWorkbench extends HTMLElement {
  private lesson!: LessonConfig;
  private editor!: EditorPane;
  private deck!: TerminalDeck;
  private sessions!: SessionClient;
  private statusLine!: HTMLElement;
  private mode = 'sandboxed';

  connectedCallback(): void {
    this.lesson = JSON.parse(this.querySelector('script[type="application/json"]')!.textContent!) as LessonConfig;
    this.statusLine = this.querySelector('[data-role="lab-status"]')!;
    this.sessions = new SessionClient(this.lesson.id);
    rememberLesson(this.lesson.id);
    this.editor = new EditorPane(this.querySelector('[data-role="editor-pane"]')!, this.lesson, (path) => this.say(t('lab.editedInOtherTab', { path })));
    const otherTabs = this.querySelector<HTMLElement>('[data-role="other-tabs"]')!;
    watchOtherTabs(this.lesson.id, (others) => (otherTabs.textContent = others > 0 ? t('lab.otherTabs') : ''));
    this.deck = new TerminalDeck(
      this.querySelector('[data-role="terminal-panes"]')!,
      this.sessions,
      (terminal, m) => this.onServerMessage(terminal, m),
      (states, detail) => this.showConnection(states, detail),
      () => this.querySelector<HTMLButtonElement>('[data-action="new-shell"]')?.focus(),
    );

    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-run-label]')) {
      button.addEventListener('click', () => this.run(button.dataset.runLabel!));
    }
    // Click-to-run blocks in the lesson text (RunIt.astro) press the same Run buttons.
    document.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest<HTMLElement>('[data-text-run]');
      if (button) this.run(button.dataset.textRun!);
    });
    this.querySelector('[data-action="new-shell"]')?.addEventListener('click', () => {
      const view = this.deck.addShell();
      if (view) view.focus();
      else this.say(t('lab.tooManyTerminals'));
    });

    keepOnOneRow(this.querySelector('[role="toolbar"]')!);
    installShortcuts(this, this.editor, this.deck.views);
    const solutionDialog = this.querySelector<HTMLDialogElement>('[data-role="solution-dialog"]');
    if (solutionDialog) {
      const solution = new SolutionView(solutionDialog, this.lesson.id, () => this.editor.contents());
      this.querySelector('[data-action="show-solution"]')!.addEventListener('click', () => void solution.open(this.editor.activeFile));
    }
    void this.start();
    // Handy in the browser console, and how tests reach the terminals' buffers.
    (window as unknown as { socketLab: unknown }).socketLab = { terminals: this.deck.views, editor: this.editor };
  }

  private async start(): Promise<void> {
    try {
      const session = await this.sessions.current();
      this.showMode(session.mode, session.notice);
    } catch (err) {
      this.say((err as Error).message, 'error');
    }
    this.openSessionChannel();
    await this.deck.open(this.lesson.terminals);
    await this.editor.load().catch((err) => this.say(t('lab.editorFailed', { error: (err as Error).message }), 'error'));
  }

  /** The Break-it and Check panels share one session socket; pages with neither open none. */
  private openSessionChannel(): void {
    const breakIt = this.querySelector<BreakItPanel>('break-it-panel');
    const checks = this.querySelector<CheckPanel>('check-panel');
    if (!breakIt && !checks) return;
    const channel = new SessionChannel(this.sessions);
    const checkButton = this.querySelector<HTMLButtonElement>('[data-action="check"]');
    const defined = [breakIt && customElements.whenDefined('break-it-panel'), checks && customElements.whenDefined('check-panel')];
    void Promise.all(defined).then(() => {
      breakIt?.attach(channel);
      checks?.attach(channel, (running) => {
        if (!checkButton) return;
        checkButton.disabled = running;
        checkButton.textContent = t(running ? 'lab.checking' : 'lab.check');
      });
      void channel.connect();
    });
    checkButton?.addEventListener('click', () => {
      this.querySelector<LabTools>('lab-tools')?.show('checks');
      checks?.run(this.editor.contents());
    });
  }

  private run(label: string): void {
    const run = this.lesson.run.find((r) => r.label === label)!;
    const view = this.deck.views.get(run.terminal);
    if (!view?.connection.send({ type: 'run', label, files: this.editor.contents() })) {
      const title = this.lesson.terminals.find((t) => t.id === run.terminal)?.title ?? run.terminal;
      this.say(t('lab.terminalNotConnected', { terminal: title }), 'error');
      return;
    }
    view.focus();
  }

  private onServerMessage(terminal: string, message: ServerMessage): void {
    if (message.type === 'error') this.say(fromServer(message.message, message.words), 'error');
    else if (message.type === 'ran') {
      // Both as the page shows them: the button's text and the terminal's title.
      const text = this.lesson.run.find((r) => r.label === message.label)?.text ?? message.label;
      const title = this.lesson.terminals.find((t) => t.id === terminal)?.title ?? terminal;
      this.say(ranText(message, text, title), message.typed ? 'info' : 'error');
    }
  }

  /** One line for the whole lab: connected (and whether sandboxed), or what is wrong and what to do. */
  private showConnection(states: LinkState[], detail?: string): void {
    const line = this.querySelector<HTMLElement>('[data-role="lab-connection"]')!;
    const state = states.includes('refused')
      ? 'refused'
      : states.includes('failed')
        ? 'failed'
        : states.includes('reconnecting')
          ? 'reconnecting'
          : states.every((s) => s === 'open')
            ? 'open'
            : 'connecting';
    line.dataset.state = state;
    if (state === 'open') line.textContent = t(this.mode === 'unsandboxed' ? 'status.connectedUnsandboxed' : 'status.connected');
    else if (state === 'connecting') line.textContent = t('status.connecting');
    else if (state === 'refused') line.textContent = t('status.refused', { detail: detail ?? '' });
    else line.textContent = t(state === 'failed' ? 'status.failed' : 'status.reconnecting', { detail: detail ?? '' });
    line.title = line.textContent!; // cut to the bottom row on a narrow lab; whole here
  }

  private showMode(mode: string, notice?: SandboxNotice): void {
    this.mode = mode;
    const banner = this.querySelector<HTMLElement>('[data-role="unsandboxed-banner"]');
    if (!banner) return;
    banner.hidden = mode !== 'unsandboxed';
    const detail = banner.querySelector<HTMLElement>('[data-role="sandbox-fix"]');
    if (detail && notice) detail.textContent = t('lab.unsandboxedWhy', { reason: notice.reason, fix: notice.fix });
  }

  private say(text: string, kind: 'info' | 'error' = 'info'): void {
    this.statusLine.textContent = text;
    this.statusLine.title = text; // the line may be cut short on a narrow toolbar
    this.statusLine.dataset.kind = kind;
  }
}

customElements.define('lab-workbench', LabWorkbench);

/** What the status line says after a Run: typed, typed after stopping a program, or not typed. */
function ranText(message: Extract<ServerMessage, { type: 'ran' }>, label: string, terminal: string): string {
  if (message.busy) return t('lab.runBusy', { label, terminal, program: message.busy });
  if (!message.typed) return t('lab.terminalNotConnected', { terminal });
  if (message.stopped) return t('lab.ranAfterStop', { label, terminal, program: message.stopped });
  return t('lab.ran', { label, terminal });
}
