// Each measurement runs in its own Node process so that its peak RSS
// (process.resourceUsage().maxRSS, a high-water mark that cannot be reset)
// belongs to that measurement alone. Arguments go in as one JSON argv entry and
// the result comes back as a JSON file, keeping stdout free for library chatter.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ChildEnvelope<A> {
  readonly args: A;
  readonly resultFile: string;
}

/** Runs `script` (a .ts file, through tsx) in a child process and returns the JSON it wrote. */
export async function runChild<A, R>(script: string, args: A): Promise<R> {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-bench-result-'));
  const envelope: ChildEnvelope<A> = { args, resultFile: join(dir, 'result.json') };
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(envelope)], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`${script} exited with code ${code}`);
    return JSON.parse(readFileSync(envelope.resultFile, 'utf8')) as R;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In a child: reads its arguments, runs `main`, writes the result for the parent. */
export async function childMain<A, R>(main: (args: A) => Promise<R>): Promise<void> {
  const envelope = JSON.parse(process.argv[2] ?? '{}') as ChildEnvelope<A>;
  const result = await main(envelope.args);
  writeFileSync(envelope.resultFile, JSON.stringify(result));
  // onnxruntime's thread pool can keep the event loop alive after dispose.
  process.exit(0);
}
