// Type-only view of the shared wire schema: the browser gets the types without shipping zod.
export type { ClientMessage, ServerMessage, SandboxMode, SandboxNotice, SessionClientMessage, SessionServerMessage } from '../../schema/wire';
export type { FaultEvent, FaultStatus, TcpSocket } from '../../schema/break-it';
