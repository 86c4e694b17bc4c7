// A terminal on the page: xterm.js (fit, web links, unicode 11) wired to a TerminalConnection.
// Loaded as its own chunk. Output is acked only after xterm has parsed it (flow control).
import { fromServer, t } from '../i18n/ui';
import { screenReaderMode } from './browser-settings';
import { currentTheme, onThemeChange, type Theme } from './theme';
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import '@xterm/xterm/css/xterm.css';
import type { SessionClient } from './session-client';
import { TerminalConnection } from './terminal-connection';
import type { LinkState } from './reconnecting-socket';
import type { ServerMessage } from './wire-types';

const encoder = new TextEncoder();

const TERMINAL_THEMES: Record<Theme, ITheme> = {
  dark: { background: '#14161b', foreground: '#e6e6e6', cursor: '#8fd18f', selectionBackground: '#3a4a66' },
  // Light: ANSI colours darkened enough to read on white (the prompt's green and blue included).
  light: {
    background: '#ffffff',
    foreground: '#1b1f24',
    cursor: '#1a7f37',
    selectionBackground: '#b6d7ff',
    green: '#116329',
    brightGreen: '#1a7f37',
    blue: '#0550ae',
    brightBlue: '#0969da',
    yellow: '#7d4e00',
    brightYellow: '#9a6700',
  },
};

export interface TerminalViewOptions {
  host: HTMLElement;
  terminalId: string;
  title: string;
  sessions: SessionClient;
  onState(state: LinkState, detail?: string): void;
  onServerMessage?(message: ServerMessage): void;
}

export class TerminalView {
  readonly term: Terminal;
  readonly connection: TerminalConnection;
  private readonly fit = new FitAddon();
  private shellEnded = false;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly observer: ResizeObserver;

  constructor(private readonly options: TerminalViewOptions) {
    this.term = new Terminal({
      allowProposedApi: true, // unicode11 needs it
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
      // A steady cursor: with blinking on, xterm's DOM renderer redraws every frame and each echo waits
      // for one (28 ms against 4.4 ms in a real browser; npm run bench -- browser). Also calmer to read.
      cursorBlink: false,
      theme: TERMINAL_THEMES[currentTheme()],
      screenReaderMode: screenReaderMode(),
    });
    this.term.loadAddon(this.fit);
    this.term.loadAddon(new WebLinksAddon());
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.term.open(options.host);
    onThemeChange((theme) => (this.term.options.theme = TERMINAL_THEMES[theme]));
    this.term.textarea?.setAttribute('aria-label', t('terminal.input', { title: options.title }));
    this.safeFit();

    this.connection = new TerminalConnection(options.sessions, options.terminalId, () => ({ cols: this.term.cols, rows: this.term.rows }), {
      onBytes: (data) => this.term.write(data, () => this.connection.parsed(data.length)),
      onMessage: (message) => this.onMessage(message),
      onState: (state, detail) => options.onState(state, detail),
    });
    this.term.onData((text) => this.input(encoder.encode(text)));
    // Mouse reports in some modes are raw 8-bit bytes, not UTF-8 text.
    this.term.onBinary((text) => this.input(Uint8Array.from(text, (c) => c.charCodeAt(0))));
    this.term.onResize(({ cols, rows }) => this.connection.send({ type: 'resize', cols, rows }));

    this.observer = new ResizeObserver(() => {
      clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(() => this.safeFit(), 50);
    });
    this.observer.observe(options.host);
    void this.connection.connect();
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    this.observer.disconnect();
    this.connection.close();
    this.term.dispose();
  }

  private input(data: Uint8Array): void {
    if (this.shellEnded) {
      // The shell exited (e.g. `exit`): any key starts a fresh one.
      this.shellEnded = false;
      this.term.reset();
      void this.connection.connect();
      return;
    }
    this.connection.sendBytes(data);
  }

  private onMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'replay':
        // The server's mirror of this terminal: start from exactly what it shows.
        this.term.reset();
        this.term.write(message.data);
        break;
      case 'exit':
        this.shellEnded = true;
        this.connection.close();
        this.term.write(`\r\n\x1b[2m[${t('terminal.shellEnded', { code: message.exitCode })}]\x1b[0m\r\n`);
        break;
      case 'ended':
        this.shellEnded = true;
        this.connection.close();
        this.term.write(`\r\n\x1b[33m[lab] ${fromServer(message.reason, message.words)}\x1b[0m\r\n`);
        break;
      case 'error':
        this.term.write(`\r\n\x1b[33m[lab] ${fromServer(message.message, message.words)}\x1b[0m\r\n`);
        break;
    }
    this.options.onServerMessage?.(message);
  }

  private safeFit(): void {
    // A hidden pane has no size; fitting it would shrink the terminal to nothing.
    if (this.options.host.offsetWidth > 0 && this.options.host.offsetHeight > 0) this.fit.fit();
  }
}
