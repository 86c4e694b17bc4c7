// Check my code: what a check run reports. One schema for the runner (sandbox/checks), the wire
// (the session socket streams progress), the Check panel and the CLI.
import { z } from 'zod';

export const checkOutcomeSchema = z.enum(['passed', 'failed', 'error']);
export type CheckOutcome = z.infer<typeof checkOutcomeSchema>;

/** One check's result: failures say what was expected, what happened, and how to get there. */
export const checkResultSchema = z.object({
  name: z.string(),
  outcome: checkOutcomeSchema,
  durationMs: z.number(),
  expected: z.string().optional(),
  actual: z.string().optional(),
  /** Progressive hints: the panel shows the first, then one more per request. */
  hints: z.array(z.string()).default([]),
  /** When a program of the check crashed: the end of its traceback, as its terminal would show it. */
  traceback: z.string().max(2000).optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const checkSummarySchema = z.object({
  lesson: z.string(),
  results: z.array(checkResultSchema),
  passed: z.boolean(),
  durationMs: z.number(),
  /** Set when the run itself could not happen or was cut short (sandbox failed, budget spent). */
  problem: z.string().optional(),
});
export type CheckSummary = z.infer<typeof checkSummarySchema>;

/** Progress as the runner streams it (and the session socket carries it to the Check panel). */
export const checkProgressSchemas = [
  z.object({ type: z.literal('check.started'), names: z.array(z.string()) }),
  z.object({ type: z.literal('check.running'), name: z.string() }),
  z.object({ type: z.literal('check.result'), result: checkResultSchema }),
  z.object({ type: z.literal('check.done'), summary: checkSummarySchema }),
] as const;
export type CheckProgress = z.infer<(typeof checkProgressSchemas)[number]>;
