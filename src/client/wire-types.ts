// Type-only view of the shared wire schema: the browser gets the types without shipping zod.
export type { ClientMessage, ServerMessage, SandboxNotice } from '../../schema/wire';
export type SandboxMode = 'sandboxed' | 'unsandboxed';
