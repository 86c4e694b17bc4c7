// What the lesson page hands to the browser code (embedded as JSON at build time).
import type { TerminalSpec } from '../../schema/lesson';
import type { ShownRun } from '../../schema/lesson-translation';

export interface LessonFile {
  path: string;
  starter: string;
}

export interface LessonConfig {
  id: string;
  title: string;
  files: LessonFile[];
  terminals: TerminalSpec[];
  /** `label` is a Run button's id, `text` what it says in the page's language. */
  run: ShownRun[];
}
