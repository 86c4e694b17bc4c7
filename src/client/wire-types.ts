// Type-only view of the shared wire schema: the browser gets the types without shipping zod.
export type { ClientMessage, ServerMessage, SandboxNotice, SessionClientMessage, SessionServerMessage } from '../../schema/wire';
export type { FaultEvent, FaultStatus, TcpSocket } from '../../schema/break-it';
export type SandboxMode = 'sandboxed' | 'unsandboxed';
