// The lesson frontmatter schema: the single source of truth for what a lesson folder may declare.
// Imported by the site (Astro content collection) and by the sandbox (lesson catalog), so both agree.
import { z } from 'zod';
import { breakItSchema } from './break-it.js';
import { experimentSchema } from './experiments.js';
import { terminalIdSchema } from './terminal-id.js';

/** A path inside the workspace: relative, forward slashes, no `..`, no hidden tricks. */
export const workspacePathSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._\-/]+$/, 'must be a relative path of letters, digits, . _ - / without ".."');

export { terminalIdSchema };

// .strict() everywhere: in a YAML flow mapping an unquoted comma splits a value into a stray key
// ({ label: Silent host, no timeout } is a label "Silent host" and a key "no timeout"); an unknown
// key is always such a mistake, so it fails the build with the field named.
export const terminalSchema = z
  .object({
    id: terminalIdSchema,
    title: z.string().min(1).max(40),
  })
  .strict();

export const runCommandSchema = z
  .object({
    /** Button text, e.g. "Run server". */
    label: z.string().min(1).max(40),
    /** Which terminal the command is typed into. */
    terminal: terminalIdSchema,
    /** The command line, typed into the terminal exactly as shown (the catalog checks it with `bash -n`). */
    command: z.string().min(1).max(500),
    /** Only a click-to-run block in the lesson text (<RunIt label=…>), not a toolbar button. */
    inText: z.boolean().optional(),
  })
  .strict();

/** Buttons a toolbar can hold at a laptop's width; commands shown in the text (inText) do not count. */
export const MAX_TOOLBAR_RUNS = 8;

export const lessonFrontmatterSchema = z
  .object({
    title: z.string().min(1).max(120),
    summary: z.string().min(1).max(400),
    order: z.number().int().min(0),
    /** About how long the lesson takes a learner, text and exercise, in minutes (shown on the course page). */
    minutes: z.number().int().min(5).max(240).optional(),
    /** Files opened in the editor, in tab order. Each must exist in the lesson's `_files/`. */
    files: z.array(workspacePathSchema).min(1).max(12),
    terminals: z.array(terminalSchema).min(1).max(4),
    run: z.array(runCommandSchema).max(16).default([]),
    /** The Break-it panel: faults this lesson offers as toggles (see schema/break-it.ts). */
    breakIt: breakItSchema.optional(),
    /** What the text promises its buttons and faults do, run by `npm test` (schema/experiments.ts). */
    experiments: z.array(experimentSchema).max(24).default([]),
  })
  .strict()
  .superRefine((lesson, ctx) => {
    const toolbarRuns = lesson.run.filter((r) => !r.inText).length;
    if (toolbarRuns > MAX_TOOLBAR_RUNS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['run'],
        message: `at most ${MAX_TOOLBAR_RUNS} Run buttons in the toolbar (this lesson has ${toolbarRuns}); mark the others inText: true and show them with <RunIt>`,
      });
    }
    const terminalIds = new Set(lesson.terminals.map((t) => t.id));
    if (terminalIds.size !== lesson.terminals.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['terminals'], message: 'terminal ids must be unique' });
    }
    lesson.run.forEach((run, i) => {
      if (!terminalIds.has(run.terminal)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['run', i, 'terminal'],
          message: `"${run.terminal}" is not one of this lesson's terminals (${[...terminalIds].join(', ')})`,
        });
      }
    });
    const runLabels = new Set(lesson.run.map((r) => r.label));
    const faultIds = new Set(lesson.breakIt?.faults.map((f) => f.id) ?? []);
    lesson.experiments.forEach((experiment, e) =>
      experiment.steps.forEach((step, s) => {
        const at = ['experiments', e, 'steps', s];
        if (step.run !== undefined && !runLabels.has(step.run))
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...at, 'run'], message: `"${step.run}" is not one of this lesson's Run labels` });
        if (step.fault !== undefined && !faultIds.has(step.fault))
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...at, 'fault'], message: `"${step.fault}" is not one of this lesson's faults` });
        if (step.terminal !== undefined && !terminalIds.has(step.terminal))
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...at, 'terminal'], message: `"${step.terminal}" is not one of this lesson's terminals` });
      }),
    );
    if (runLabels.size !== lesson.run.length) {
      const seen = new Set<string>();
      lesson.run.forEach((run, i) => {
        if (seen.has(run.label)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['run', i, 'label'], message: `"${run.label}" is used by two Run buttons` });
        seen.add(run.label);
      });
    }
    lesson.breakIt?.faults.forEach((fault, i) => {
      if ('crash' in fault && fault.crash.restart && !runLabels.has(fault.crash.restart)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['breakIt', 'faults', i, 'crash', 'restart'],
          message: `"${fault.crash.restart}" is not one of this lesson's run labels (${[...runLabels].join(', ') || 'none'})`,
        });
      }
    });
  });

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
export type TerminalSpec = z.infer<typeof terminalSchema>;
export type RunCommand = z.infer<typeof runCommandSchema>;

/** Lesson ids are folder names such as `01-first-socket`. */
export const lessonIdSchema = z.string().regex(/^[0-9]{2}-[a-z0-9-]{1,60}$/, 'must look like "01-first-socket"');

/** Turns zod issues into one line per field, naming the file: what an author needs to fix it. */
export function describeLessonErrors(file: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(frontmatter)';
    return `  - ${field}: ${issue.message}`;
  });
  return `Invalid lesson frontmatter in ${file}:\n${lines.join('\n')}`;
}
