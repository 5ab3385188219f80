import { spawn } from 'node:child_process';
import path from 'node:path';
import { ESSAYS_DIR, REPO_ROOT, TEST_MODEL_DIR } from './paths.js';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI (`npm run cli -- …` without npm's overhead) with the test model and the given folders. */
export function runCli(args: readonly string[], env: Record<string, string>, stdin?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli/main.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', EMBEDDING_MODEL: TEST_MODEL_DIR, LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** Environment for the bot as its own process, on the essays, against a fake Discord; `extra` adds or overrides. */
export function botProcessEnv(discord: { readonly token: string; readonly restApi: string }, root: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CORPUS_DIR: ESSAYS_DIR,
    INDEX_DIR: path.join(root, 'index'),
    DATA_DIR: path.join(root, 'data'),
    DISCORD_TOKEN: discord.token,
    DISCORD_API_BASE: discord.restApi,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export interface RunningProcess {
  readonly child: ReturnType<typeof spawn>;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited(): Promise<number | null>;
}

/** Starts one of citebot's entry points (src/main.ts, src/register.ts) as a child process. */
export function startEntryPoint(entry: string, env: Record<string, string>, args: readonly string[] = []): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, entry), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', EMBEDDING_MODEL: TEST_MODEL_DIR, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    output: () => output,
    async waitForOutput(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} in:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    exited: () => exit,
  };
}
