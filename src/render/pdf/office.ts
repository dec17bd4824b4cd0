import { spawn, type ChildProcess } from 'node:child_process';
import { isRunning, makeFolders } from '../../io/write.js';
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanUpIfStopped } from '../../io/cleanup.js';
import { prepareFontconfig } from './fonts.js';
import { runProgram, type Env, type RunResult } from './tools.js';
import type { Watchdog } from './watchdog.js';

/**
 * One LibreOffice for a run: its private profile (a fresh one in the run's folder, or a
 * slot under `profileDir` kept between runs), and on Linux a copy of soffice kept running
 * (warm) so each conversion skips the start-up (about 1 s cold, 0.2 s warm, measured).
 *
 * How it is kept warm without a UNO bridge (Debian's LibreOffice has no Python UNO, and
 * Node has none): a running soffice listens on a pipe named after its profile, and a
 * second `soffice --convert-to` with the same profile hands its command line to it and
 * waits until the conversion is done (LibreOffice's own single-instance mechanism). The
 * warm copy holds a small text file open, because LibreOffice shuts down once a forwarded
 * conversion leaves it with no document open. So every conversion is the same command
 * as without a warm copy; when none is running, the command does the work itself.
 */
export interface OfficeOptions {
  readonly soffice: string;
  readonly env: Env;
  /** The run's private folder (removed by the caller). */
  readonly folder: string;
  readonly profileDir?: string | undefined;
  readonly watchdog: Watchdog;
  /** Keep a copy running between conversions (Linux only; elsewhere each call starts one). */
  readonly warm: boolean;
  /** How long the warm copy may take to start listening. */
  readonly startMs: number;
}

export interface Conversion extends RunResult {
  /** LibreOffice died or hung during the call (not merely refused a document): worth one retry after a restart. */
  readonly crashed: boolean;
}

/** soffice's exit status when it cannot set up its profile ("User installation could not be completed"). */
const PROFILE_BROKEN = 77;
const READY_MARK = 'plangen-profile-ok';

export class Office {
  private server: { child: ChildProcess; pgid: number; exited: Promise<void>; alive: boolean; forget: () => void } | undefined;
  private warm: boolean;
  private releaseSlot: () => void = () => undefined;
  private markedGood = false;

  private constructor(
    private readonly opts: OfficeOptions,
    /** Holds the LibreOffice profile (`profile/`), our fontconfig file and its cache. */
    private readonly slot: string,
    readonly env: Env,
  ) {
    this.warm = opts.warm && process.platform === 'linux';
  }

  static async open(opts: OfficeOptions): Promise<Office> {
    let slot = opts.folder;
    let release = () => undefined as void;
    // No slot to be had (a folder that cannot be written, 64 runs at once): a fresh profile, as without profileDir.
    const taken = opts.profileDir ? await takeSlot(opts.profileDir).catch(() => undefined) : undefined;
    if (taken) {
      slot = taken.dir;
      release = taken.release;
      // A profile never marked good (its first run was killed part-way) is not trusted.
      if (!existsSync(path.join(slot, READY_MARK))) await fsp.rm(path.join(slot, 'profile'), { recursive: true, force: true });
    }
    // LibreOffice's own temporary files go into the run's folder, so they go with it even when
    // LibreOffice is killed (it leaves lu*.tmp behind in the system's temporary folder).
    const ownTmp = path.join(opts.folder, 'tmp');
    await makeFolders(ownTmp);
    const env = { ...(await prepareFontconfig(slot, opts.env)), TMPDIR: ownTmp };
    const office = new Office(opts, slot, env);
    office.releaseSlot = release;
    if (office.warm) await office.startServer();
    return office;
  }

  private get profileUrl(): string {
    return pathToFileURL(path.join(this.slot, 'profile')).href;
  }

  /** Where the running copy listens (osl's pipe: /tmp/OSL_PIPE_<uid>_SingleOfficeIPC_<MD5 of the profile URL, UTF-16, unpadded hex>). */
  private pipePath(): string {
    const digest = createHash('md5').update(Buffer.from(this.profileUrl, 'utf16le')).digest();
    const hex = [...digest].map((b) => b.toString(16)).join('');
    return path.join('/tmp', `OSL_PIPE_${os.userInfo().uid}_SingleOfficeIPC_${hex}`);
  }

  /** Start the warm copy and wait until it listens; on failure carry on without one. */
  private async startServer(retryBrokenProfile = true): Promise<void> {
    const pipe = this.pipePath();
    // Left by a copy that was killed: a client finding it would take the dead socket for a
    // listener. The profile is ours alone (see takeSlot), so nobody else listens there.
    rmSync(pipe, { force: true });
    this.opts.watchdog.removeAlso(pipe);
    const keep = path.join(this.opts.folder, 'keep.txt');
    await fsp.writeFile(keep, 'plangen\n');
    // LibreOffice's lock file for the open document: once it is there the document is being
    // opened, and a forwarded conversion no longer finds LibreOffice empty and shuts it down
    // (measured: a conversion sent before that ended the warm copy).
    const opened = path.join(this.opts.folder, '.~lock.keep.txt#');
    rmSync(opened, { force: true });
    const args = [`-env:UserInstallation=${this.profileUrl}`, '--headless', '--norestore', '--nolockcheck', '--nologo', keep];
    let child: ChildProcess;
    try {
      child = spawn(this.opts.soffice, args, { env: this.env as NodeJS.ProcessEnv, detached: true, stdio: 'ignore' });
    } catch {
      this.warm = false;
      return;
    }
    let exitCode: number | null = null;
    const exited = new Promise<void>((resolve) => {
      child.on('error', () => resolve());
      child.on('exit', (code) => {
        exitCode = code;
        resolve();
      });
    });
    if (child.pid === undefined) {
      this.warm = false;
      return;
    }
    const pgid = child.pid;
    this.opts.watchdog.guard(pgid);
    const forget = cleanUpIfStopped(() => {
      killGroup(pgid);
      rmSync(pipe, { force: true });
    });
    const server = { child, pgid, exited, alive: true, forget };
    void exited.then(() => {
      server.alive = false;
      forget();
      this.opts.watchdog.release(pgid);
    });
    this.server = server;
    const deadline = Date.now() + this.opts.startMs;
    const ready = async () => existsSync(opened) && (await listening(pipe));
    while (server.alive && !(await ready()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    if (server.alive && (await ready())) return;
    await this.stopServer();
    if (exitCode === PROFILE_BROKEN && retryBrokenProfile) {
      await this.resetProfile();
      return this.startServer(false);
    }
    // No warm copy (a stand-in soffice, another LibreOffice): each conversion starts its own.
    this.warm = false;
  }

  private async stopServer(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s || !s.alive) return;
    killGroup(s.pgid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(s.pgid), 3000);
    await s.exited;
    clearTimeout(timer);
    // soffice.bin may outlive the oosplash that was the group's leader.
    killGroup(s.pgid);
    rmSync(this.pipePath(), { force: true });
  }

  private async resetProfile(): Promise<void> {
    await fsp.rm(path.join(this.slot, 'profile'), { recursive: true, force: true });
    await fsp.rm(path.join(this.slot, READY_MARK), { force: true });
    this.markedGood = false;
  }

  /** Convert `inputs` (DOCX paths) into `outDir`, each PDF named after its input. */
  async convert(inputs: readonly string[], outDir: string, timeoutMs: number): Promise<Conversion> {
    if (this.warm && !this.server?.alive) await this.startServer();
    const server = this.server;
    const args = [`-env:UserInstallation=${this.profileUrl}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', outDir, ...inputs];
    let pgid: number | undefined;
    const run = await runProgram(this.opts.soffice, args, {
      env: this.env,
      timeoutMs,
      onStart: (g) => {
        pgid = g;
        this.opts.watchdog.guard(g);
      },
    });
    if (pgid !== undefined) this.opts.watchdog.release(pgid);
    const serverDied = server !== undefined && !server.alive;
    const crashed = run.timedOut || (run.code === null && !run.spawnError) || serverDied || run.code === PROFILE_BROKEN;
    if (crashed) {
      // A hung warm copy is why the call timed out: end it too; the next call starts another.
      await this.stopServer();
      if (run.code === PROFILE_BROKEN) await this.resetProfile();
    } else if (!this.markedGood && run.code === 0 && inputs.length > 0 && existsSync(path.join(outDir, path.basename(inputs[0]!).replace(/\.docx$/i, '.pdf')))) {
      this.markedGood = true;
      if (this.slot !== this.opts.folder) await fsp.writeFile(path.join(this.slot, READY_MARK), '').catch(() => undefined);
    }
    return { ...run, crashed };
  }

  async close(): Promise<void> {
    await this.stopServer();
    this.releaseSlot();
  }
}

/**
 * Whether something accepts connections on the socket. LibreOffice reads an empty request
 * as a look-up and ignores it. A socket file alone is not enough: it exists a moment before
 * the listener does.
 */
function listening(socket: string): Promise<boolean> {
  if (!existsSync(socket)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const c = net.connect({ path: socket });
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

function killGroup(pgid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/**
 * A profile folder under `root` that no other plangen is using: `instance-N/`, claimed by
 * `instance-N.lock` holding our PID. The lock is written whole under another name and
 * then hard-linked into place, which fails if it exists: a reader never sees it half
 * written. Two LibreOffices on one profile fail (measured), so concurrent runs each take
 * their own. A lock whose PID no longer runs was left by a killed run and is taken over.
 */
export async function takeSlot(root: string): Promise<{ dir: string; release: () => void }> {
  await makeFolders(root);
  const mine = path.join(root, `.claim-${process.pid}-${Math.random().toString(36).slice(2)}`);
  await fsp.writeFile(mine, String(process.pid));
  try {
    for (let n = 1; n <= 64; n++) {
      const dir = path.join(root, `instance-${n}`);
      const lock = `${dir}.lock`;
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await fsp.link(mine, lock);
          await makeFolders(dir);
          const forget = cleanUpIfStopped(() => rmSync(lock, { force: true }));
          return {
            dir,
            release: () => {
              forget();
              rmSync(lock, { force: true });
            },
          };
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
          if (holderAlive(lock)) break;
          // Moved aside rather than deleted: of two runs taking over the same stale lock, one rename wins.
          const aside = `${mine}.stale`;
          const moved = await fsp.rename(lock, aside).then(
            () => true,
            () => false,
          );
          if (moved && holderAlive(aside)) {
            // Someone claimed it between our look and the rename: give it back and move on.
            await fsp.link(aside, lock).catch(() => undefined);
            await fsp.rm(aside, { force: true });
            break;
          }
          await fsp.rm(aside, { force: true });
        }
      }
    }
  } finally {
    await fsp.rm(mine, { force: true });
  }
  throw new Error(`no free LibreOffice profile under ${root}`);
}

function holderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8').trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  return pid === process.pid || isRunning(pid);
}
