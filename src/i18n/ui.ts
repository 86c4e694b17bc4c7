// Every string of the lab's own interface, one dictionary per language (English here, Japanese in ui-ja.ts). Pages and
// browser code read them through t(); adding a language is adding a dictionary with the same keys
// (the type makes a missing key a build error). Lesson texts are content, not UI: they live in lessons/.
import { ja } from './ui-ja.js';

const en = {
  'site.skip': 'Skip to content',
  'site.nav': 'Site',
  'site.course': 'Course',
  'site.labNetwork': 'The lab network',
  'site.search': 'Search',
  'site.darkMode': 'Dark mode',

  'lab.region': 'Lab',
  'lesson.view': 'Show',
  'lesson.viewText': 'Text',
  'lesson.viewLab': 'Lab',
  'lab.actions': 'Lesson actions',
  'lab.check': 'Check',
  'lab.checking': 'Checking…',
  'lab.shortcuts': 'Keyboard shortcuts',
  'lab.editor': 'Editor',
  'lab.files': 'Files',
  'lab.fileContents': 'File contents',
  'lab.editorLoading': 'Loading the editor…',
  'lab.editorLabel': 'Editor: {path}',
  'lab.showSolution': 'Show solution',
  'lab.resetFile': 'Reset file',
  'lab.resizeEditor': 'Resize editor and terminals',
  'lab.resizeText': 'Resize lesson text and lab',
  'lab.terminals': 'Terminals',
  'lab.newShell': 'New shell',
  'lab.moreRuns': 'More runs',
  'lab.connection': 'Lab connection',
  'lab.terminalFilesNoteShort': 'Files made in a terminal are not saved',
  'lab.terminalFilesNote': "Files made in a terminal last as long as this lab session; the editor's files are kept in this browser.",
  'lab.otherTabs': 'Also open in another tab: edits show up in both; each tab has its own terminals.',
  'lab.editedInOtherTab': '{path} was changed in your other tab (Ctrl+Z in the editor takes it back).',
  'lab.tabMode': 'Tab moves focus',
  'lab.tabModeHint': 'When on, Tab leaves the editor instead of indenting (Ctrl+M switches it)',
  'lab.shellTitle': 'Shell {n}',
  'lab.closeShell': 'Close {title}',
  'lab.maximizeTerminal': 'Maximize {title} terminal',
  'lab.tooManyTerminals': 'You already have as many terminals as the lab allows.',
  'lab.editorFailed': 'The editor could not load: {error}',
  'lab.terminalNotConnected': 'The {terminal} terminal is not connected yet; try again in a moment.',
  'lab.ran': '{label}: typed into the {terminal} terminal.',
  'lab.ranAfterStop': '{label}: stopped {program} with Ctrl-C, then typed into the {terminal} terminal.',
  'lab.runBusy':
    '{label}: nothing typed — {program} is still running in the {terminal} terminal and did not stop on Ctrl-C. Stop it there, then press {label} again.',
  'lab.unsandboxedTitle': 'Unsandboxed local mode.',
  'lab.unsandboxedText':
    "Your programs run directly on this computer, as your user, not in a sandbox, and the lab network's special hosts are missing. Fine for one learner on their own machine.",
  'lab.unsandboxedFix': 'See the README to enable the sandbox.',
  'lab.unsandboxedWhy': 'Why: {reason}. To enable the sandbox: {fix}.',

  'terminal.connecting': 'connecting…',
  'terminal.open': 'connected',
  'terminal.reconnecting': 'reconnecting…',
  'terminal.failed': 'not connected',
  'terminal.noSession': 'no session',
  'terminal.ended': 'session ended',
  'terminal.region': '{title} terminal',
  'terminal.input': '{title} terminal input',
  'terminal.shellEnded': 'the shell ended (exit code {code}); press any key to start a new one',
  'status.connected': 'Lab connected · sandbox on',
  'status.connectedUnsandboxed': 'Lab connected · sandbox OFF (unsandboxed local mode)',
  'status.connecting': 'Connecting to the lab…',
  'status.reconnecting': 'Lost the lab server: reconnecting… Is `npm start` still running? ({detail})',
  'status.failed': 'Not connected to the lab: {detail}',
  'labNetwork.hostOff': '(Off on this lab: {reason})',
  'status.refused': 'The lab server is running, but {detail} Reload the page to try again.',

  'session.unreachable': 'The lab server is not reachable. Is `npm start` still running?',
  'session.signedOut': 'this page is not signed in to it: open the link (with ?token=…) that `npm start` printed.',
  'session.cannotStart': 'it could not start your session: {error}',
  'session.notConnected': 'Not connected to the lab yet; try again in a moment.',
  'session.reconnecting': 'Reconnecting to the lab… {detail}',
  'session.dropped': 'the link to the lab dropped',
  'session.retrying': '{why}; retrying in {seconds} s',
  'session.ended': '{reason} A new session is starting.',

  'tools.tabs': 'Lab tools',
  'tools.breakIt': 'Break it',
  'tools.checks': 'Check results',
  'tools.hide': 'Hide',
  'tools.show': 'Show',

  'breakIt.noneOn': 'no faults on',
  'breakIt.someOn': '{count} on: {names}',
  'breakIt.badgeOn': '· {count} on',
  'breakIt.faults': 'Faults',
  'breakIt.clearAll': 'Clear all',
  'breakIt.views': 'Events and TCP sockets',
  'breakIt.events': 'Events',
  'breakIt.eventLog': 'Fault events',
  'breakIt.socketsCaption': 'TCP sockets in your sandbox',
  'breakIt.socketsSource': '(from /proc/net/tcp, live)',
  'breakIt.state': 'State',
  'breakIt.local': 'Local',
  'breakIt.remote': 'Remote',
  'breakIt.queues': 'Send / recv queue',
  'breakIt.noSockets': 'No TCP sockets open.',

  'checks.title': 'Check results',
  'checks.prompt': 'Press Check to test your code against the exercise.',
  'checks.list': 'Checks',
  'checks.starting': 'Starting a fresh sandbox for the checks…',
  'checks.running': 'Checking: {name}…',
  'checks.allPassed': 'All {passed} checks passed ({seconds} s). Well done!',
  'checks.somePassed': '{passed} of {total} checks passed ({seconds} s).',
  'checks.passed': '✓ passed',
  'checks.failed': '✗ failed',
  'checks.error': '! could not run',
  'checks.waiting': 'waiting',
  'checks.inProgress': 'running…',
  'checks.expected': 'Expected',
  'checks.actual': 'Actual',
  'checks.traceback': 'What your program printed when it crashed, during {name}',
  'checks.hintsFor': 'Hints for “{name}”',
  'checks.moreHint': 'Show another hint ({shown} of {total})',
  'checks.complete': '✓ Lesson complete',
  'checks.completeOn': '✓ Lesson complete ({date})',
  'checks.completedEarlier': 'Completed earlier ({date}); this run did not pass every check.',
  'checks.badgeComplete': '· ✓ complete',
  'checks.badgeScore': '· {passed}/{total}',

  'solution.title': 'Solution',
  'solution.file': 'File',
  'solution.close': 'Close',
  'solution.note': 'Left: your code. Right: the reference solution. Nothing here changes your files; copy what you need.',
  'solution.diff': 'Your code compared with the solution',
  'solution.same': 'Your code is the same as the solution.',
  'solution.loadFailed': 'The solution could not be loaded: {error}',

  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.caption': 'Keyboard shortcuts of the lab',
  'shortcuts.keys': 'Keys',
  'shortcuts.does': 'Does',
  'shortcuts.run': 'Press the first Run button (saves your files, runs the command)',
  'shortcuts.check': 'Check your code',
  'shortcuts.terminal': 'Focus terminal 1 … 9',
  'shortcuts.editor': 'Focus the editor',
  'shortcuts.tabMode': 'In the editor: switch Tab between indenting and moving focus',
  'shortcuts.toolbar': 'Go to the lesson actions (Run buttons, Check)',
  'shortcuts.results': 'Go to Break it and the check results',
  'shortcuts.help': 'Show this list (outside the editor and terminals)',
  'shortcuts.screenReader': 'Screen reader mode for terminals (announces new output)',
  'shortcuts.close': 'Close',

  'home.title': 'Robust network programming, hands on',
  'home.startHere': 'Start here: {title}',
  'home.needTitle': 'What you need',
  'home.needPython': 'Some Python: functions, loops, try/except, and the difference between str and bytes.',
  'home.needTerminal': 'A little terminal use: running a command, reading its output, Ctrl-C to stop it.',
  'home.needNothingElse': 'No networking knowledge and nothing to install: every lesson runs here, on a real Linux kernel.',
  'home.courseTime': '{count} lessons, about {hours} hours in all, each on its own.',
  'course.minutes': '~{minutes} min',
  'course.continueNext': 'Continue with the next lesson: {title}',
  'course.allDone': 'You have completed every lesson. Revisit any of them below.',
  'home.lead': 'Write real Python servers and clients, run them in real terminals, break the connection on purpose, and learn to write code that copes.',
  'notFound.title': 'Page not found',
  'notFound.heading': 'This page does not exist',
  'notFound.text': 'The address may be mistyped, or the lesson may have moved. These are the lessons:',
  'course.lessons': 'Lessons',
  'course.menu': 'Course',
  'course.position': 'Lesson {n} of {total}',
  'course.pager': 'Lessons',
  'course.back': 'Back to the course →',
  'course.completed': '✓ Completed {date}',
  'course.resume': 'Continue where you left off: {title}',
  'progress.title': 'Your progress',
  'progress.intro': 'Completed lessons and your edits live in this browser. Take them to another one as a file:',
  'progress.export': 'Export progress',
  'progress.import': 'Import progress',
  'progress.exported': 'Exported {count} saved items.',
  'progress.imported': 'Imported {count} saved items. Reloading…',
  'progress.refused': '{error} Nothing was changed.',
  'progress.tooLarge': 'This file is larger than 5 MB: it is not a Socket Lab progress file.',
  'progress.notJson': 'This file is not JSON: choose a file made by "Export progress".',
  'progress.notOurs': 'This JSON file is not a Socket Lab progress file.',
  'progress.version': 'This progress file has version {version}; this lab reads version 1.',
  'progress.noEntries': 'The progress file has no entries.',
  'progress.foreignEntry': 'The progress file has an entry the lab does not use ({key}).',

  'search.title': 'Search the lessons',
  'search.label': 'Words to find',
  'search.results': 'Results',
  'search.found': '{count} lessons found',
  'search.foundOne': '1 lesson found',
  'search.none': 'Nothing found for “{query}”.',
  'search.unavailable': 'Search is not available: the search index was not built. Rebuild with `npm run build`.',
} as const;

export type UiKey = keyof typeof en;
export const dictionaries: Record<string, Record<UiKey, string>> = { en, ja };
export const LANG = 'en';

/** The page's language (its <html lang>), when the lab has a dictionary for it; else English. */
export function pageLang(): string {
  const lang = typeof document === 'undefined' ? LANG : document.documentElement.lang || LANG;
  return lang in dictionaries ? lang : LANG;
}

/** The string for `key` in the page's language, with {placeholders} filled in. */
export function t(key: UiKey, params: Record<string, string | number> = {}): string {
  const text = dictionaries[pageLang()][key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A date as the page's language writes it (7 Dec 2026, 2026/12/07), not as the browser's default locale would. */
export function formatDate(at: number | Date, lang = pageLang()): string {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' }).format(at);
}

/** A number with `digits` decimals, in the page's language's style. */
export function formatNumber(value: number, digits = 0, lang = pageLang()): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
