// Monaco, self-hosted and slim: the API, the features a learner uses, Python highlighting, and the
// editor worker bundled by Vite (no CDN). Loaded with a dynamic import, so it is its own chunk.
import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/suggest/register';
// The suggest feature above only registers inline completions; the suggest widget itself
// (Ctrl+Space, word completions) lives in the controller, which the feature list omits.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/languages/definitions/python/register';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export { monaco };
