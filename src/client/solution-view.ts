// "Show solution": fetches the reference solution only when asked and shows it beside the
// learner's current code in Monaco's read-only diff editor. Never touches the learner's models.
import { pageLang, t } from '../i18n/ui';
import type * as Monaco from 'monaco-editor/editor';
import { currentTheme } from './theme';

interface SolutionFile {
  path: string;
  content: string;
}

export class SolutionView {
  private diff: Monaco.editor.IStandaloneDiffEditor | undefined;
  private files: SolutionFile[] | undefined;

  constructor(
    private readonly dialog: HTMLDialogElement,
    private readonly lessonId: string,
    /** The learner's files as they are now (the editor's contents). */
    private readonly current: () => Array<{ path: string; content: string }>,
  ) {
    this.part<HTMLSelectElement>('file').addEventListener('change', (e) => void this.show((e.target as HTMLSelectElement).value));
    dialog.addEventListener('close', () => this.dispose());
  }

  async open(preferredPath: string): Promise<void> {
    this.dialog.showModal();
    try {
      this.files ??= await this.fetchSolution();
    } catch (err) {
      this.part('status').textContent = (err as Error).message;
      return;
    }
    const select = this.part<HTMLSelectElement>('file');
    select.replaceChildren(...this.files.map((f) => new Option(f.path, f.path)));
    const path = this.files.some((f) => f.path === preferredPath) ? preferredPath : this.files[0].path;
    select.value = path;
    await this.show(path);
  }

  private async fetchSolution(): Promise<SolutionFile[]> {
    const response = await fetch(`/api/lessons/${encodeURIComponent(this.lessonId)}/solution?lang=${pageLang()}`).catch(() => undefined);
    if (!response) throw new Error(t('session.unreachable'));
    const body = (await response.json().catch(() => ({}))) as { files?: SolutionFile[]; error?: string };
    if (!response.ok || !body.files) throw new Error(t('solution.loadFailed', { error: body.error ?? response.statusText }));
    return body.files;
  }

  private async show(path: string): Promise<void> {
    const { monaco } = await import('./monaco-setup');
    const solution = this.files!.find((f) => f.path === path)!;
    const mine = this.current().find((f) => f.path === path)?.content ?? '';
    this.dispose();
    this.part('status').textContent = mine === solution.content ? t('solution.same') : '';
    const language = path.endsWith('.py') ? 'python' : undefined;
    this.diff = monaco.editor.createDiffEditor(this.part('diff'), {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      theme: currentTheme() === 'dark' ? 'vs-dark' : 'vs',
    });
    // Models of their own: the learner's editor models are never handed to the diff.
    this.diff.setModel({ original: monaco.editor.createModel(mine, language), modified: monaco.editor.createModel(solution.content, language) });
  }

  private dispose(): void {
    const model = this.diff?.getModel();
    this.diff?.dispose();
    model?.original.dispose();
    model?.modified.dispose();
    this.diff = undefined;
  }

  private part<T extends HTMLElement = HTMLElement>(name: string): T {
    return this.dialog.querySelector<T>(`[data-part="${name}"]`)!;
  }
}
