// Learner files in a session workspace. Paths come from the browser, so they are validated by the
// shared schema and sizes are capped here, before anything touches a disk. The I/O itself belongs
// to the session's confinement: in the jail it runs inside the jail as the learner's uid
// (sandbox/jail/jailed-files.ts); without the sandbox the learner's code runs as the lab's own user
// anyway, and the host implementation below still never follows a symlink or blocks on a FIFO.
import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { workspacePathSchema } from '../../schema/lesson.js';
import { LIMITS } from '../../schema/limits.js';

export class WorkspacePathError extends Error {}

export interface WorkspaceFile {
  path: string;
  content: string | Uint8Array;
}

/** File operations in one workspace; paths are relative to it and already validated. */
export interface WorkspaceFiles {
  write(files: WorkspaceFile[]): Promise<string[]>;
  read(path: string): Promise<Buffer>;
  /** Empties the workspace, then writes `files` (a check's fresh start). */
  reset(files: WorkspaceFile[]): Promise<void>;
}

export function checkWorkspacePath(path: string): string[] {
  const parsed = workspacePathSchema.safeParse(path);
  if (!parsed.success) throw new WorkspacePathError(`"${path.slice(0, 80)}" ${parsed.error.issues[0].message}`);
  return path.split('/').filter(Boolean);
}

function checkFile({ path, content }: WorkspaceFile): void {
  checkWorkspacePath(path);
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  if (size > LIMITS.maxFileBytes) throw new WorkspacePathError(`${path} is ${size} bytes; the limit is ${LIMITS.maxFileBytes} bytes`);
}

/** Wraps an implementation so nothing unvalidated reaches it. */
export function validated(files: WorkspaceFiles): WorkspaceFiles {
  return {
    write: (list) => (list.forEach(checkFile), files.write(list)),
    read: (path) => (checkWorkspacePath(path), files.read(path)),
    reset: (list) => (list.forEach(checkFile), files.reset(list)),
  };
}

// O_NONBLOCK: opening a FIFO must never wait for a peer (it would hold a thread of the shared pool).
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Who owns what the lab writes for a session whose programs run as another uid (the jail's seeding). */
type Owner = { uid: number; gid: number } | undefined;

async function plainFolder(root: string, parts: string[], create: boolean, owner?: Owner): Promise<string> {
  let dir = root;
  for (const [i, part] of parts.slice(0, -1).entries()) {
    dir = join(dir, part);
    const shown = parts.slice(0, i + 1).join('/');
    try {
      const stat = await fs.lstat(dir);
      if (!stat.isDirectory()) throw new WorkspacePathError(`${shown} is not a plain folder (the lab does not follow symlinks)`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !create) throw err;
      await fs.mkdir(dir, { mode: 0o755 });
      if (owner) await fs.chown(dir, owner.uid, owner.gid);
    }
  }
  return join(dir, parts[parts.length - 1]);
}

async function openRegular(path: string, shown: string, flags: number): Promise<fs.FileHandle> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, flags, 0o644);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new WorkspacePathError(`${shown} is a symlink; the lab does not follow symlinks`);
    if (code === 'ENXIO' || code === 'EISDIR') throw new WorkspacePathError(`${shown} is not a regular file (a folder or a named pipe?); rename or delete it`);
    if (code === 'ENOENT') throw new WorkspacePathError(`${shown} does not exist`);
    throw new WorkspacePathError(`${shown}: ${(err as Error).message.replace(path, shown)}`);
  }
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw new WorkspacePathError(`${shown} is not a regular file (a named pipe or a device?); rename or delete it`);
  }
  return handle;
}

/** The unsandboxed mode's file I/O, as the lab's own user (what it creates owned by `owner`, when given). */
export function hostWorkspaceFiles(root: string, owner?: Owner): WorkspaceFiles {
  const write = async (files: WorkspaceFile[]) => {
    for (const file of files) {
      const handle = await openRegular(await plainFolder(root, checkWorkspacePath(file.path), true, owner), file.path, WRITE_FLAGS);
      try {
        if (owner) await handle.chown(owner.uid, owner.gid);
        await handle.truncate(0);
        await handle.writeFile(file.content);
      } finally {
        await handle.close();
      }
    }
    return files.map((f) => f.path);
  };
  return {
    write,
    async read(path) {
      const handle = await openRegular(await plainFolder(root, checkWorkspacePath(path), false), path, READ_FLAGS);
      try {
        if ((await handle.stat()).size > LIMITS.maxFileBytes) throw new WorkspacePathError(`${path} is larger than the limit`);
        return await handle.readFile();
      } finally {
        await handle.close();
      }
    },
    async reset(files) {
      for (const entry of await fs.readdir(root)) await fs.rm(join(root, entry), { recursive: true, force: true });
      await write(files);
    },
  };
}
