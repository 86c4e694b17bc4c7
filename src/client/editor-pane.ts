// The file editor: a tab per lesson file, Monaco loaded lazily, edits saved in the browser as
// the learner types. Until Monaco arrives, the files are still known (saved edit or starter), so
// a Run click never waits for the editor.
import { t } from '../i18n/ui';
import type * as Monaco from 'monaco-editor/editor';
import { readSetting, writeSetting } from './browser-settings';
import { FileStore } from './file-store';
import { handleTabKeys, selectTab } from './tabs';
import { currentTheme, onThemeChange } from './theme';
import type { LessonConfig, LessonFile } from './lesson-config';

type MonacoApi = typeof Monaco;

/** Remembered per browser, like the other accessibility settings. */
const TAB_MODE_SETTING = 'tab-moves-focus';

export class EditorPane {
  private monaco: MonacoApi | undefined;
  private editor: Monaco.editor.IStandaloneCodeEditor | undefined;
  private readonly models = new Map<string, Monaco.editor.ITextModel>();
  private readonly store: FileStore;
  private activePath: string;
  private readonly tabs: HTMLButtonElement[];

  constructor(
    private readonly root: HTMLElement,
    private readonly lesson: LessonConfig,
    /** A file changed because the learner edited it in another tab of this lesson. */
    private readonly onOtherTabEdit: (path: string) => void = () => {},
  ) {
    this.store = new FileStore(lesson.id);
    this.activePath = lesson.files[0].path;
    this.tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    for (const tab of this.tabs) tab.addEventListener('click', () => this.select(tab.dataset.path!));
    handleTabKeys(root.querySelector('[role="tablist"]')!, this.tabs, (tab) => this.select(tab.dataset.path!));
    root.querySelector<HTMLButtonElement>('[data-action="reset-file"]')?.addEventListener('click', () => this.resetActive());
  }

  /** Loads Monaco (its own chunk) and mounts the editor. */
  async load(): Promise<void> {
    const { monaco } = await import('./monaco-setup');
    this.monaco = monaco;
    for (const file of this.lesson.files) {
      const uri = monaco.Uri.parse(`file:///lab/${file.path}`);
      const model = monaco.editor.createModel(this.currentText(file), file.path.endsWith('.py') ? 'python' : undefined, uri);
      let saveTimer: ReturnType<typeof setTimeout> | undefined;
      model.onDidChangeContent(() => {
        clearTimeout(saveTimer);
        saveTimer = setTimeout(() => this.persist(file, model.getValue()), 200);
      });
      this.models.set(file.path, model);
    }
    const host = this.root.querySelector<HTMLElement>('.editor-host')!;
    host.textContent = '';
    this.editor = monaco.editor.create(host, {
      model: this.models.get(this.activePath)!,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      tabSize: 4,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      theme: editorTheme(monaco, currentTheme()),
      ariaLabel: t('lab.editorLabel', { path: this.activePath }),
    });
    onThemeChange((theme) => monaco.editor.setTheme(editorTheme(monaco, theme)));
    // The same lesson open in another tab: its edits show up here, as an edit (Ctrl+Z takes it back).
    this.store.onOtherTabChange((path, content) => {
      const file = this.lesson.files.find((f) => f.path === path);
      const model = this.models.get(path);
      const text = content ?? file?.starter;
      if (!model || text === undefined || model.getValue() === text) return;
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      this.onOtherTabEdit(path);
    });
    // Tab indents by default; Ctrl+M (as in VS Code) makes it move focus out instead, so the
    // keyboard is never trapped in the editor. The button beside the files shows which.
    // (On a Mac, Cmd+M minimizes the window: there it is Ctrl+Shift+M, again as in VS Code.)
    const toggleTabMode = () => this.setTabMovesFocus(!this.tabMovesFocus());
    this.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM, toggleTabMode);
    this.editor.addCommand(monaco.KeyMod.WinCtrl | monaco.KeyMod.Shift | monaco.KeyCode.KeyM, toggleTabMode);
    this.tabModeButton?.addEventListener('click', () => this.setTabMovesFocus(!this.tabMovesFocus()));
    this.setTabMovesFocus(readSetting(TAB_MODE_SETTING) === 'focus');
    host.dataset.ready = 'true';
  }

  private get tabModeButton(): HTMLButtonElement | null {
    return this.root.querySelector<HTMLButtonElement>('[data-action="tab-mode"]');
  }

  private tabMovesFocus(): boolean {
    return this.tabModeButton?.getAttribute('aria-pressed') === 'true';
  }

  private setTabMovesFocus(on: boolean): void {
    this.editor?.updateOptions({ tabFocusMode: on });
    this.tabModeButton?.setAttribute('aria-pressed', String(on));
    writeSetting(TAB_MODE_SETTING, on ? 'focus' : 'indent');
  }

  /** Every lesson file as it is now: what Run saves into the workspace. */
  contents(): Array<{ path: string; content: string }> {
    return this.lesson.files.map((file) => ({ path: file.path, content: this.models.get(file.path)?.getValue() ?? this.currentText(file) }));
  }

  select(path: string): void {
    this.activePath = path;
    selectTab(
      this.tabs,
      this.tabs.find((t) => t.dataset.path === path)!,
    );
    const model = this.models.get(path);
    if (this.editor && model) {
      this.editor.setModel(model);
      this.editor.updateOptions({ ariaLabel: t('lab.editorLabel', { path }) });
    }
  }

  /** The file open in the editor. */
  get activeFile(): string {
    return this.activePath;
  }

  focus(): void {
    this.editor?.focus();
  }

  /** Brings back the starter version of the open file; Ctrl+Z undoes it. */
  resetActive(): void {
    const file = this.lesson.files.find((f) => f.path === this.activePath)!;
    const model = this.models.get(file.path);
    if (model) {
      // An edit (not setValue) keeps the undo stack, so a mistaken reset is one Ctrl+Z away.
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: file.starter }], () => null);
    }
    this.store.forget(file.path);
  }

  private currentText(file: LessonFile): string {
    return this.store.load(file.path) ?? file.starter;
  }

  private persist(file: LessonFile, text: string): void {
    if (text === file.starter) this.store.forget(file.path);
    else this.store.save(file.path, text);
  }
}

/** Monaco's own themes, with comments readable enough for WCAG AA (vs-dark's green is 4:1). */
function editorTheme(monaco: MonacoApi, theme: 'light' | 'dark'): string {
  if (theme === 'light') return 'vs';
  monaco.editor.defineTheme('socketlab-dark', { base: 'vs-dark', inherit: true, rules: [{ token: 'comment', foreground: '7fb36a' }], colors: {} });
  return 'socketlab-dark';
}
