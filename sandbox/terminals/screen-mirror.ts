// A headless xterm fed with everything the pty prints, so a browser that reattaches can be sent
// the screen as it is now (VS Code's XtermSerializer) instead of a blank terminal.
import headless from '@xterm/headless';
import serializeAddon from '@xterm/addon-serialize';

// Both packages are CommonJS: named ESM imports come out undefined, so take them off the default.
const { Terminal } = headless;
const { SerializeAddon } = serializeAddon;

export const MIRROR_SCROLLBACK = 1000;

export class ScreenMirror {
  private readonly term: InstanceType<typeof Terminal>;
  private readonly serializer: InstanceType<typeof SerializeAddon>;

  constructor(cols: number, rows: number) {
    this.term = new Terminal({ cols, rows, scrollback: MIRROR_SCROLLBACK, allowProposedApi: true });
    this.serializer = new SerializeAddon();
    this.term.loadAddon(this.serializer);
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  write(data: Uint8Array): void {
    this.term.write(data);
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
  }

  /** The screen and scrollback as escape sequences, after every pending write has been parsed. */
  snapshot(): Promise<string> {
    // Serialize inside the write callback: by the time an awaiting caller resumes, xterm may
    // already have parsed later chunks, which the caller also queued for the browser (duplicates).
    return new Promise((resolve) => this.term.write('', () => resolve(this.serializer.serialize({ scrollback: MIRROR_SCROLLBACK }))));
  }

  /** Plain text of the buffer: for tests and diagnostics. */
  async text(): Promise<string> {
    await new Promise<void>((resolve) => this.term.write('', resolve));
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n').trimEnd();
  }

  dispose(): void {
    this.term.dispose();
  }
}
