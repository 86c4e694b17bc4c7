// The Check button's server side: save the editor's files into the session, copy the lesson's
// files from there into a fresh check run, stream its progress. One run per session at a time.
import type { CheckErrorCode } from '../../schema/wire-constants.js';
import type { CheckProgress } from '../../schema/checks.js';
import type { SavedFile } from '../../schema/wire.js';
import type { ConfinementProvider } from '../process/launch.js';
import type { Session } from '../sessions/session.js';
import { runChecks } from './runner.js';
import type { Lang } from '../../schema/langs.js';
import { hasChecks } from './sources.js';
import { WordedError } from '../../schema/server-words.js';

export class SessionCheckError extends WordedError {
  constructor(readonly code: Exclude<CheckErrorCode, 'check-failed'>) {
    super(code);
  }
}

const running = new WeakSet<Session>();

export async function checkSession(
  session: Session,
  files: SavedFile[],
  lab: { provider: ConfinementProvider; python: string; lang?: Lang },
  onProgress: (progress: CheckProgress) => void,
): Promise<void> {
  if (!hasChecks(session.lesson)) throw new SessionCheckError('no-checks');
  if (running.has(session)) throw new SessionCheckError('check-busy');
  running.add(session);
  try {
    if (files.length) await session.saveFiles(files);
    const program = new Map<string, Buffer>();
    for (const path of session.lesson.meta.files) {
      // A file the learner deleted stays missing: the checks will say what they could not find.
      const content = await session.confinement.files.read(path).catch(() => undefined);
      if (content) program.set(path, content);
    }
    await runChecks({ lesson: session.lesson, files: program, provider: lab.provider, python: lab.python, lang: lab.lang, onProgress });
  } finally {
    running.delete(session);
  }
}
