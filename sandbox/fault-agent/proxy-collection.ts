// All proxies of one session's fault agent, and the rules for changing them (Toxiproxy's
// validation and error answers).
import { EventEmitter } from 'node:events';
import type { ZodType, ZodTypeDef } from 'zod';
import {
  proxyInputSchema,
  proxyUpdateSchema,
  streamSchema,
  TOXIC_TYPES,
  toxicAttributeSchemas,
  toxicInputSchema,
  toxicNameSchema,
  toxicUpdateSchema,
  type Toxic,
  type ToxicType,
} from '../../schema/faults.js';
import { ApiError, badBody, invalidStream, invalidToxicType, missingField, proxyExists, proxyNotFound, toxicExists, toxicNotFound } from './api-error.js';
import { FaultProxy } from './fault-proxy.js';

function parse<T>(schema: ZodType<T, ZodTypeDef, unknown>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.');
  if (issue.code === 'invalid_type' && issue.message === 'Required') throw missingField(field);
  throw badBody(field ? `${field}: ${issue.message}` : issue.message);
}

function attributesFor(type: ToxicType, attributes: unknown): Record<string, number> {
  return parse(toxicAttributeSchemas[type] as ZodType<Record<string, number>, ZodTypeDef, unknown>, attributes);
}

export class ProxyCollection extends EventEmitter {
  private readonly proxies = new Map<string, FaultProxy>();

  list(): FaultProxy[] {
    return [...this.proxies.values()];
  }

  get(name: string): FaultProxy {
    const proxy = this.proxies.get(name);
    if (!proxy) throw proxyNotFound();
    return proxy;
  }

  async add(body: unknown): Promise<FaultProxy> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badBody('expected a JSON object');
    const input = parse(proxyInputSchema, body);
    if (this.proxies.has(input.name)) throw proxyExists();
    const proxy = new FaultProxy(input.name, input.listen, input.upstream);
    proxy.on('event', (event) => this.emit('event', event));
    if (input.enabled) await this.listenOrExplain(proxy);
    this.proxies.set(input.name, proxy);
    return proxy;
  }

  /** POST /populate: create or replace the listed proxies. */
  async populate(body: unknown): Promise<FaultProxy[]> {
    if (!Array.isArray(body)) throw badBody('expected a JSON array of proxies');
    const created: FaultProxy[] = [];
    for (const item of body) {
      const name = (item as { name?: unknown })?.name;
      if (typeof name === 'string' && this.proxies.has(name)) await this.remove(name);
      created.push(await this.add(item));
    }
    return created;
  }

  async update(name: string, body: unknown): Promise<FaultProxy> {
    const proxy = this.get(name);
    const input = parse(proxyUpdateSchema, body);
    const rebind = (input.listen && input.listen !== proxy.listen) || (input.upstream && input.upstream !== proxy.upstream);
    if (rebind || input.enabled === false) await proxy.stop();
    if (input.listen) proxy.listen = input.listen;
    if (input.upstream) proxy.upstream = input.upstream;
    if (input.enabled ?? (rebind ? true : proxy.enabled)) await this.listenOrExplain(proxy);
    return proxy;
  }

  async remove(name: string): Promise<void> {
    const proxy = this.get(name);
    await proxy.stop();
    this.proxies.delete(name);
  }

  /** POST /reset: every proxy enabled, every toxic gone. */
  async reset(): Promise<void> {
    for (const proxy of this.proxies.values()) {
      proxy.toxics = [];
      proxy.toxicsChanged();
      await this.listenOrExplain(proxy);
    }
  }

  addToxic(proxyName: string, body: unknown): Toxic {
    const proxy = this.get(proxyName);
    const input = parse(toxicInputSchema, body);
    if (!TOXIC_TYPES.includes(input.type as ToxicType)) throw invalidToxicType();
    const stream = streamSchema.safeParse(input.stream);
    if (!stream.success) throw invalidStream();
    const type = input.type as ToxicType;
    const name = input.name ?? `${type}_${stream.data}`;
    if (!toxicNameSchema.safeParse(name).success) throw badBody('name: use letters, digits, _ . -');
    if (proxy.toxics.some((t) => t.name === name)) throw toxicExists();
    const toxic: Toxic = { name, type, stream: stream.data, toxicity: input.toxicity, attributes: attributesFor(type, input.attributes) };
    proxy.toxics = [...proxy.toxics, toxic];
    proxy.toxicsChanged();
    return toxic;
  }

  getToxic(proxyName: string, toxicName: string): Toxic {
    const toxic = this.get(proxyName).toxics.find((t) => t.name === toxicName);
    if (!toxic) throw toxicNotFound();
    return toxic;
  }

  updateToxic(proxyName: string, toxicName: string, body: unknown): Toxic {
    const proxy = this.get(proxyName);
    const current = this.getToxic(proxyName, toxicName);
    const input = parse(toxicUpdateSchema, body);
    const updated: Toxic = {
      ...current,
      toxicity: input.toxicity ?? current.toxicity,
      attributes: input.attributes ? attributesFor(current.type, { ...current.attributes, ...input.attributes }) : current.attributes,
    };
    proxy.toxics = proxy.toxics.map((t) => (t.name === toxicName ? updated : t));
    proxy.toxicsChanged();
    return updated;
  }

  removeToxic(proxyName: string, toxicName: string): void {
    const proxy = this.get(proxyName);
    this.getToxic(proxyName, toxicName);
    proxy.toxics = proxy.toxics.filter((t) => t.name !== toxicName);
    proxy.toxicsChanged();
  }

  async closeAll(): Promise<void> {
    for (const proxy of this.proxies.values()) await proxy.stop();
    this.proxies.clear();
  }

  private async listenOrExplain(proxy: FaultProxy): Promise<void> {
    try {
      await proxy.start();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ApiError(
        `cannot listen on ${proxy.listen}: ${code === 'EADDRINUSE' ? 'address already in use' : (err as Error).message}`,
        code === 'EADDRINUSE' ? 409 : 400,
      );
    }
  }
}
