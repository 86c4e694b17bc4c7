// The fault proxy's model, shaped like Toxiproxy's API so what learners script here works against
// the tool they will meet at work: proxies (name, listen, upstream, enabled) carrying toxics
// (name, type, stream, toxicity, attributes). Shared by the proxy agent and, later, the UI.
import { z } from 'zod';

const nonNegativeInt = z.number().int().min(0);

/** Attributes per toxic type, with Toxiproxy's defaults. */
export const toxicAttributeSchemas = {
  latency: z.object({ latency: nonNegativeInt.default(0), jitter: nonNegativeInt.default(0) }).strict(),
  bandwidth: z.object({ rate: nonNegativeInt.default(0) }).strict(), // KB/s
  slow_close: z.object({ delay: nonNegativeInt.default(0) }).strict(), // ms
  timeout: z.object({ timeout: nonNegativeInt.default(0) }).strict(), // ms; 0 = hold until removed
  reset_peer: z.object({ timeout: nonNegativeInt.default(0) }).strict(), // ms
  slicer: z.object({ average_size: nonNegativeInt.default(0), size_variation: nonNegativeInt.default(0), delay: nonNegativeInt.default(0) }).strict(), // bytes, bytes, microseconds
  limit_data: z.object({ bytes: nonNegativeInt.default(0) }).strict(),
} as const;

export type ToxicType = keyof typeof toxicAttributeSchemas;
export const TOXIC_TYPES = Object.keys(toxicAttributeSchemas) as ToxicType[];

export const streamSchema = z.enum(['upstream', 'downstream']);
export type Stream = z.infer<typeof streamSchema>;

export interface Toxic {
  name: string;
  type: ToxicType;
  stream: Stream;
  toxicity: number;
  attributes: Record<string, number>;
}

export const proxyNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, _ . -');
export const toxicNameSchema = proxyNameSchema;

/** host:port, as Toxiproxy writes it ("127.0.0.1:8080", "[::]:8080", "localhost:0"). */
export const hostPortSchema = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}$/, 'must be host:port')
  // A port above 65535 would make Node throw inside the agent (and end it): refuse it here, with a 400.
  .refine((v) => Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535, 'the port must be 0–65535');

export const proxyInputSchema = z.object({
  name: proxyNameSchema,
  listen: hostPortSchema.default('127.0.0.1:0'),
  upstream: hostPortSchema,
  enabled: z.boolean().default(true),
});
export type ProxyInput = z.infer<typeof proxyInputSchema>;

export const proxyUpdateSchema = z.object({ listen: hostPortSchema, upstream: hostPortSchema, enabled: z.boolean() }).partial();

/** A toxic as posted: type is required, the rest has Toxiproxy's defaults. */
export const toxicInputSchema = z.object({
  name: toxicNameSchema.optional(),
  type: z.string(),
  stream: z.string().default('downstream'),
  toxicity: z.number().min(0).max(1).default(1),
  attributes: z.record(z.unknown()).default({}),
});

export const toxicUpdateSchema = z.object({
  toxicity: z.number().min(0).max(1).optional(),
  attributes: z.record(z.unknown()).optional(),
});
