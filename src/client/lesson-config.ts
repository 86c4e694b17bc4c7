// What the lesson page hands to the browser code (embedded as JSON at build time).
import type { RunCommand, TerminalSpec } from '../../schema/lesson';

export interface LessonFile {
  path: string;
  starter: string;
}

export interface LessonConfig {
  id: string;
  title: string;
  files: LessonFile[];
  terminals: TerminalSpec[];
  run: RunCommand[];
}
