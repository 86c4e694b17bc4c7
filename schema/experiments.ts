// Experiments as executable specs: what a lesson's text promises will happen when the learner
// presses a Run button, switches a fault or types a key, written beside the buttons in the
// frontmatter and run by `npm test` the way the page does it (typed into the real terminal, the
// fault switched through the session socket) — doctests for a lab.
import { z } from 'zod';
import { terminalIdSchema } from './terminal-id.js';

export const experimentStepSchema = z
  .object({
    /** Press this Run button: its command is typed into its terminal. */
    run: z.string().min(1).max(40).optional(),
    /** Switch this Break-it fault on (or off, with `on: false`). */
    fault: z.string().min(1).max(40).optional(),
    on: z.boolean().optional(),
    /** Type these keys into `terminal` ("\u0003" is Ctrl-C). */
    keys: z.string().min(1).max(200).optional(),
    /** The terminal `keys` go to and `shows` is read from (a run's own terminal by default; a run is always typed into its own). */
    terminal: terminalIdSchema.optional(),
    /** What the learner then sees in that terminal: a regular expression over its text. */
    shows: z.string().min(1).max(200).optional(),
    /** Wait this long (ms) before the step, as a learner would (e.g. Ctrl-C "while it waits"). */
    after: z.number().int().min(0).max(10_000).optional(),
    /** How long the text gives it to appear, in ms (a promise of "at once" is a short one). */
    within: z.number().int().min(100).max(30_000).default(10_000),
  })
  .strict()
  .superRefine((step, ctx) => {
    // One action per step; a step with none only waits for what `terminal` shows (after an earlier action).
    const actions = (['run', 'fault', 'keys'] as const).filter((k) => step[k] !== undefined);
    if (actions.length > 1)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `a step does exactly one of run, fault, keys (this one: ${actions.join(', ')})` });
    if (actions.length === 0 && (step.shows === undefined || !step.terminal)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'a step does one of run, fault, keys, or waits for what a terminal shows (shows + terminal)' });
    }
    if (step.keys !== undefined && !step.terminal)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['terminal'], message: 'keys need the terminal they are typed into' });
    if (step.fault !== undefined && step.shows !== undefined && !step.terminal) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['terminal'], message: 'shows after a fault needs the terminal to read' });
    }
    if (step.shows !== undefined) {
      try {
        new RegExp(step.shows);
      } catch (err) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['shows'], message: `not a regular expression: ${(err as Error).message}` });
      }
    }
  });
export type ExperimentStep = z.infer<typeof experimentStepSchema>;

export const experimentSchema = z
  .object({
    /** What the text calls it, e.g. "Try it, step 2: packets vanish". */
    name: z.string().min(1).max(100),
    /**
     * Whose code the buttons run: the starter (what a learner has at first) or the reference solution,
     * for what the text promises of a finished exercise ("run your finished server and…").
     */
    code: z.enum(['starter', 'solution']).default('starter'),
    steps: z.array(experimentStepSchema).min(1).max(20),
  })
  .strict();
export type Experiment = z.infer<typeof experimentSchema>;
