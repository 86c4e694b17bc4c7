// Writing learner files into a session workspace without ever leaving it. The path comes from the
// browser, so it is validated by the shared schema, and no component may be a symlink: a program in
// the workspace could plant one pointing at /etc (the Judge0 CVE-2024-28185 class of bug).
import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { workspacePathSchema } from '../../schema/lesson.js';
import { LIMITS } from '../../schema/limits.js';

export class WorkspacePathError extends Error {}

export function checkWorkspacePath(path: string): string[] {
  const parsed = workspacePathSchema.safeParse(path);
  if (!parsed.success) throw new WorkspacePathError(`"${path.slice(0, 80)}" ${parsed.error.issues[0].message}`);
  return path.split('/').filter(Boolean);
}

export interface FileOwner {
  uid: number;
  gid: number;
}

async function ensureRealDirectory(path: string, owner?: FileOwner): Promise<void> {
  try {
    const stat = await fs.lstat(path);
    if (stat.isSymbolicLink() || !stat.isDirectory()) {
      throw new WorkspacePathError(`${path} is not a plain folder (symlinks are not followed)`);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await fs.mkdir(path, { mode: 0o755 });
    if (owner) await fs.lchown(path, owner.uid, owner.gid);
  }
}

/** Writes `content` at `relPath` inside `root`, refusing symlinks anywhere on the way. */
export async function writeWorkspaceFile(root: string, relPath: string, content: string | Uint8Array, owner?: FileOwner): Promise<void> {
  const parts = checkWorkspacePath(relPath);
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  if (size > LIMITS.maxFileBytes) {
    throw new WorkspacePathError(`${relPath} is ${size} bytes; the limit is ${LIMITS.maxFileBytes} bytes`);
  }
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part);
    await ensureRealDirectory(dir, owner);
  }
  const target = join(dir, parts[parts.length - 1]);
  let handle: fs.FileHandle;
  try {
    // O_NOFOLLOW: if the final component is a symlink the open fails with ELOOP instead of following it.
    handle = await fs.open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new WorkspacePathError(`${relPath} is a symlink in the workspace; the lab does not follow symlinks`);
    }
    throw err;
  }
  try {
    await handle.writeFile(content);
    // The jailed learner must be able to edit what the server wrote (fchown: no path, no symlink race).
    if (owner) await handle.chown(owner.uid, owner.gid);
  } finally {
    await handle.close();
  }
}

/** Reads a workspace file with the same rules (no symlinks, size-limited). */
export async function readWorkspaceFile(root: string, relPath: string): Promise<Buffer> {
  const parts = checkWorkspacePath(relPath);
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part);
    const stat = await fs.lstat(dir);
    if (!stat.isDirectory()) throw new WorkspacePathError(`${relPath}: ${part} is not a plain folder`);
  }
  const handle = await fs.open(join(dir, parts[parts.length - 1]), constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new WorkspacePathError(`${relPath} is not a regular file`);
    if (stat.size > LIMITS.maxFileBytes) throw new WorkspacePathError(`${relPath} is larger than the limit`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
