// Break it: the faults a lesson offers as one-click toggles, and what the panel shows about them.
// One schema for the lesson frontmatter (authors), the sandbox (which applies them) and the
// browser (which draws the panel).
import { z } from 'zod';
import { serverWordsSchema } from './server-words.js';
import { hostPortSchema, proxyNameSchema, streamSchema, TOXIC_TYPES, toxicNameSchema, type ToxicType } from './faults.js';

const port = z.number().int().min(1).max(65535);
const bytes = z
  .number()
  .int()
  .min(0)
  .max(1 << 30);
const millis = z.number().int().min(0).max(600_000);

/** A proxy the lesson keeps in the session's fault agent, e.g. 127.0.0.1:65433 → 127.0.0.1:65432. */
export const lessonProxySchema = z.object({ name: proxyNameSchema, listen: hostPortSchema, upstream: hostPortSchema }).strict();

/** A Toxiproxy toxic on one of the lesson's proxies. */
export const toxicFaultSchema = z
  .object({
    proxy: proxyNameSchema,
    type: z.enum(TOXIC_TYPES as [ToxicType, ...ToxicType[]]),
    name: toxicNameSchema.optional(),
    stream: streamSchema.default('downstream'),
    toxicity: z.number().min(0).max(1).default(1),
    attributes: z.record(z.number().int().min(0)).default({}),
  })
  .strict();

/**
 * Kernel faults: nftables rules and traffic shaping inside the session's namespace, for traffic
 * to or from `port`. The learner cannot remove them from inside.
 */
export const kernelFaultSchema = z.discriminatedUnion('type', [
  /** Packets to the port vanish: connect() or recv() times out. */
  z.object({ type: z.literal('drop'), port }).strict(),
  /** Connects are answered with a reset: ConnectionRefusedError. */
  z.object({ type: z.literal('reject'), port }).strict(),
  /** After `bytes` on a connection, the client's next packet is answered with a reset: ConnectionResetError mid-stream. */
  z.object({ type: z.literal('reset-after'), port, bytes }).strict(),
  /** After `bytes` on a connection, every packet of it vanishes: the stream stalls. */
  z.object({ type: z.literal('stall-after'), port, bytes }).strict(),
  /** Each packet to or from the port is lost with this probability (TCP retransmits: slow, not broken). */
  z.object({ type: z.literal('loss'), port, percent: z.number().int().min(1).max(100) }).strict(),
  /** All traffic in the namespace squeezed through a token bucket (tbf on loopback). */
  z.object({ type: z.literal('bandwidth'), kbit: z.number().int().min(8).max(10_000_000) }).strict(),
  /** A route that answers "unreachable" (OSError EHOSTUNREACH) or "prohibited" (PermissionError). */
  z.object({ type: z.literal('route'), address: z.string().ip({ version: 'v4' }), route: z.enum(['unreachable', 'prohibit']) }).strict(),
]);
export type KernelFault = z.infer<typeof kernelFaultSchema>;

/** Scripted peers: small servers with a known bad habit, played by the lab (each one described, per language, in break-it-text.ts). */
export const PEER_BEHAVIOURS = ['echo', 'refuse-first', 'never-answer', 'slow', 'one-byte', 'reset-after-first', 'close-mid-message', 'hold-port'] as const;
export type PeerBehaviour = (typeof PEER_BEHAVIOURS)[number];

export const peerSpecSchema = z
  .object({
    behaviour: z.enum(PEER_BEHAVIOURS),
    port,
    count: z.number().int().min(1).max(100).default(3),
    delay: millis.default(500),
  })
  .strict();
export type PeerSpec = z.infer<typeof peerSpecSchema>;

/**
 * The learner's server crashes: whatever listens on `port` gets SIGKILL. Switching it off (or
 * `restartAfter` ms later, like a supervisor would) runs the lesson's `restart` command again.
 */
export const serverCrashSchema = z.object({ port, restart: z.string().min(1).max(40).optional(), restartAfter: millis.optional() }).strict();
export type ServerCrash = z.infer<typeof serverCrashSchema>;

const faultBase = {
  /** Stable id (used in URLs, tests and the wire). */
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and dashes'),
  /** Button text, e.g. "Server refuses". */
  label: z.string().min(1).max(40),
  /** One sentence: what the learner should expect to see. */
  expect: z.string().max(200).optional(),
};

/**
 * The kinds of fault, each with its schema: the one list the frontmatter schema, the types and the
 * code that switches faults all come from.
 */
const FAULT_KIND_SCHEMAS = {
  toxic: toxicFaultSchema,
  /** The proxy itself disabled: new connects refused, live ones closed. */
  proxyDown: proxyNameSchema,
  kernel: kernelFaultSchema,
  peer: peerSpecSchema,
  crash: serverCrashSchema,
} as const;
export type FaultKind = keyof typeof FAULT_KIND_SCHEMAS;
export const FAULT_KINDS = Object.keys(FAULT_KIND_SCHEMAS) as FaultKind[];
/** What a fault of kind K carries under its kind's key, e.g. FaultSpec<'peer'> is a PeerSpec. */
export type FaultSpec<K extends FaultKind> = z.infer<(typeof FAULT_KIND_SCHEMAS)[K]>;

type FaultBase = { id: string; label: string; expect?: string };
/** A fault of one kind: its base fields plus exactly that kind's key. */
export type FaultOf<K extends FaultKind> = FaultBase & { [P in K]: FaultSpec<K> };
export type LessonFault = { [K in FaultKind]: FaultOf<K> }[FaultKind];

const optionalKinds = Object.fromEntries(Object.entries(FAULT_KIND_SCHEMAS).map(([kind, schema]) => [kind, schema.optional()])) as {
  [K in FaultKind]: z.ZodOptional<(typeof FAULT_KIND_SCHEMAS)[K]>;
};

/**
 * One fault: its id and label plus exactly one kind. Written as one object with optional kinds
 * (not a union) so a mistake is reported at its field, e.g. "faults.2.peer.behaviour: Invalid enum
 * value. Expected 'echo' | …", instead of a union's bare "Invalid input".
 */
export const lessonFaultSchema = z
  .object({ ...faultBase, ...optionalKinds })
  .strict()
  .superRefine((fault, ctx) => {
    const kinds = FAULT_KINDS.filter((kind) => fault[kind] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `"${fault.id}" needs exactly one of ${FAULT_KINDS.join(', ')} (it has ${kinds.join(' and ') || 'none'})`,
      });
    }
  })
  // The refinement above proved exactly one kind is present: that is what LessonFault says.
  .transform((fault) => fault as LessonFault);

/** A fault's kind with its spec, as a union a `switch (kind)` narrows: no casts at the call site. */
export type KindedFault = { [K in FaultKind]: { kind: K; spec: FaultSpec<K> } }[FaultKind];

export function kindOf(fault: LessonFault): KindedFault {
  if ('toxic' in fault) return { kind: 'toxic', spec: fault.toxic };
  if ('proxyDown' in fault) return { kind: 'proxyDown', spec: fault.proxyDown };
  if ('kernel' in fault) return { kind: 'kernel', spec: fault.kernel };
  if ('crash' in fault) return { kind: 'crash', spec: fault.crash };
  return { kind: 'peer', spec: fault.peer };
}

export const faultKind = (fault: LessonFault): FaultKind => kindOf(fault).kind;

export const breakItSchema = z
  .object({
    proxies: z.array(lessonProxySchema).max(4).default([]),
    faults: z.array(lessonFaultSchema).min(1).max(12),
  })
  .strict()
  .superRefine((breakIt, ctx) => {
    const proxies = new Set(breakIt.proxies.map((p) => p.name));
    const ids = new Set<string>();
    breakIt.faults.forEach((fault, i) => {
      if (ids.has(fault.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['faults', i, 'id'], message: `"${fault.id}" is used twice` });
      ids.add(fault.id);
      const proxy = 'toxic' in fault ? fault.toxic.proxy : 'proxyDown' in fault ? fault.proxyDown : undefined;
      if (proxy !== undefined && !proxies.has(proxy)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['faults', i], message: `proxy "${proxy}" is not declared under breakIt.proxies` });
      }
    });
  });
export type BreakIt = z.infer<typeof breakItSchema>;

/** What the panel shows for one fault. */
export const faultStatusSchema = z.object({
  id: z.string(),
  on: z.boolean(),
  /** Set when this fault cannot work in this mode (e.g. kernel faults without the sandbox). */
  unavailable: z.string().optional(),
  unavailableWords: serverWordsSchema.optional(),
  /** The last failure to switch it, for the learner. */
  error: z.string().optional(),
  errorWords: serverWordsSchema.optional(),
});
export type FaultStatus = z.infer<typeof faultStatusSchema>;

/** One line of the event log: connection attempts, resets, bytes through the proxy, peer actions. */
export const faultEventSchema = z.object({
  at: z.number(),
  /** Who reports it: a fault's label, "proxy api", "panel". */
  source: z.string(),
  kind: z.string(),
  text: z.string(),
  /** The fault it belongs to, so a page names it in its own language. */
  fault: z.string().optional(),
  /** `text` in Japanese (a page in Japanese shows it). */
  ja: z.string().optional(),
});
export type FaultEvent = z.infer<typeof faultEventSchema>;

/** One row of the namespace's TCP table (from /proc/net/tcp). */
export const tcpSocketSchema = z.object({ local: z.string(), remote: z.string(), state: z.string(), sendQueue: z.number(), receiveQueue: z.number() });
export type TcpSocket = z.infer<typeof tcpSocketSchema>;
