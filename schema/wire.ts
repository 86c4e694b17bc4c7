// The wire protocol between the browser and the sandbox server.
// Binary WebSocket frames carry raw pty bytes both ways; text frames carry the JSON messages below.
// Both sides import these schemas, so a message that one side can send the other side can parse.
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { DEFAULT_LANG, LANGS } from './langs.js';
import { lessonIdSchema, terminalIdSchema, workspacePathSchema } from './lesson.js';
import { faultEventSchema, faultStatusSchema, tcpSocketSchema } from './break-it.js';
import { checkProgressSchemas } from './checks.js';

import { SESSION_ERROR_CODES, TERMINAL_ERROR_CODES } from './wire-constants.js';
import { serverWordsSchema } from './server-words.js';

export { CLOSE_CODES, SOCKET_PATHS } from './wire-constants.js';

const encoder = new TextEncoder();
const utf8Length = (s: string) => encoder.encode(s).length;

export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be a session id issued by the server');

const cols = z.number().int().min(LIMITS.terminalCols.min).max(LIMITS.terminalCols.max);
const rows = z.number().int().min(LIMITS.terminalRows.min).max(LIMITS.terminalRows.max);

export const savedFileSchema = z.object({
  path: workspacePathSchema,
  content: z.string().refine((s) => utf8Length(s) <= LIMITS.maxFileBytes, {
    message: `file is larger than ${LIMITS.maxFileBytes / 1024} KB`,
  }),
});

export type SavedFile = z.infer<typeof savedFileSchema>;

/** Messages the browser sends on a terminal's WebSocket. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resize'), cols, rows }),
  /** Bytes the browser's xterm has parsed since the last ack (flow control). */
  z.object({
    type: z.literal('ack'),
    bytes: z
      .number()
      .int()
      .min(0)
      .max(LIMITS.maxMessageBytes * 64),
  }),
  /** Closes this terminal: only extra shells can be closed; the shell ends. */
  z.object({ type: z.literal('close') }),
  z.object({ type: z.literal('files.save'), files: z.array(savedFileSchema).min(1).max(LIMITS.maxFilesPerSave) }),
  /** Save files, then type the lesson's run command (found by its label) into its terminal. */
  z.object({
    type: z.literal('run'),
    label: z.string().min(1).max(40),
    files: z.array(savedFileSchema).max(LIMITS.maxFilesPerSave).default([]),
  }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export const errorCodeSchema = z.enum(TERMINAL_ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const sandboxModeSchema = z.enum(['sandboxed', 'unsandboxed']);
export type SandboxMode = z.infer<typeof sandboxModeSchema>;

/** Messages the server sends on a terminal's WebSocket. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), terminal: terminalIdSchema, mode: sandboxModeSchema, resumed: z.boolean() }),
  /** The terminal's screen as it was, sent once after a reattach, before live bytes. */
  z.object({ type: z.literal('replay'), cols, rows, data: z.string() }),
  z.object({ type: z.literal('files.saved'), paths: z.array(z.string()) }),
  /** A Run button's outcome: typed (after stopping `stopped`), or not typed because `busy` would not stop. */
  z.object({
    type: z.literal('ran'),
    label: z.string(),
    terminal: terminalIdSchema,
    typed: z.boolean(),
    stopped: z.string().optional(),
    busy: z.string().optional(),
  }),
  z.object({ type: z.literal('exit'), exitCode: z.number().int(), signal: z.number().int().optional() }),
  /** The whole session ended (idle timeout, lab shutdown); a key press in the page starts a new one. */
  z.object({ type: z.literal('ended'), reason: z.string(), words: serverWordsSchema.optional() }),
  z.object({ type: z.literal('error'), code: errorCodeSchema, message: z.string(), words: serverWordsSchema.optional() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** POST /api/sessions body and answer. */
/** `lang`: the page's language; the workspace's starter files get their comments in it. */
export const createSessionRequestSchema = z.object({ lesson: lessonIdSchema, lang: z.enum(LANGS).default(DEFAULT_LANG) }).strict();
/** Why the sandbox is off and how to turn it on, shown in the unsandboxed banner. */
export const sandboxNoticeSchema = z.object({ reason: z.string(), fix: z.string() });
export const createSessionResponseSchema = z.object({ session: sessionIdSchema, mode: sandboxModeSchema, notice: sandboxNoticeSchema.optional() });
export type SandboxNotice = z.infer<typeof sandboxNoticeSchema>;

/** Query string of the terminal WebSocket: /ws/terminal?session=…&terminal=…&cols=…&rows=… */
export const terminalQuerySchema = z.object({
  session: sessionIdSchema,
  terminal: terminalIdSchema,
  cols: z.coerce.number().pipe(cols).default(80),
  rows: z.coerce.number().pipe(rows).default(24),
});

/** Extra shells opened with the "New shell" button get ids shell-1, shell-2… */
export const extraShellIdPattern = /^shell-[0-9]{1,2}$/;

/** Parses a text frame into a ClientMessage, or explains in one sentence why it cannot. */
export function parseClientMessage(text: string): { ok: true; message: ClientMessage } | { ok: false; error: string } {
  return parseWith(clientMessageSchema, text);
}

function parseWith<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, text: string): { ok: true; message: T } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'message is not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  const first = parsed.error.issues[0];
  const where = first.path.length ? ` (at ${first.path.join('.')})` : '';
  return { ok: false, error: `invalid message${where}: ${first.message}` };
}

/** Query string of the session WebSocket (the Break-it panel): /ws/session?session=… */
export const sessionQuerySchema = z.object({ session: sessionIdSchema });

/** Messages the browser sends on the session WebSocket. */
export const sessionClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fault.set'), id: z.string().min(1).max(40), on: z.boolean() }),
  z.object({ type: z.literal('faults.clear') }),
  /** Save the editor's files, then run the lesson's checks against them (progress streams back). */
  z.object({
    type: z.literal('check.run'),
    files: z.array(savedFileSchema).max(LIMITS.maxFilesPerSave).default([]),
    /** The page's language: results, names and hints come back in it where the lesson has it. */
    lang: z.enum(LANGS).default(DEFAULT_LANG),
  }),
]);
export type SessionClientMessage = z.infer<typeof sessionClientMessageSchema>;

/** Messages the server sends on the session WebSocket. */
export const sessionServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('faults'), faults: z.array(faultStatusSchema), busy: z.boolean() }),
  z.object({ type: z.literal('events'), events: z.array(faultEventSchema) }),
  z.object({ type: z.literal('tcp'), sockets: z.array(tcpSocketSchema), unavailable: z.string().optional(), unavailableWords: serverWordsSchema.optional() }),
  z.object({ type: z.literal('ended'), reason: z.string(), words: serverWordsSchema.optional() }),
  ...checkProgressSchemas,
  z.object({
    type: z.literal('error'),
    code: z.enum(SESSION_ERROR_CODES),
    message: z.string(),
    /** The message's id and values: the page words it in its language (schema/server-words.ts). */
    words: serverWordsSchema.optional(),
  }),
]);
export type SessionServerMessage = z.infer<typeof sessionServerMessageSchema>;

/** Parses a text frame of the session socket, or explains in one sentence why it cannot. */
export function parseSessionMessage(text: string): { ok: true; message: SessionClientMessage } | { ok: false; error: string } {
  return parseWith(sessionClientMessageSchema, text);
}
