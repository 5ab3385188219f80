// npm run test:load [-- --burst 500 --users 50 --soak-minutes 10 --rate 5 --skip-soak]
//   LOAD_BOT_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run test:load -- --skip-soak   (profile the bot)
//
// An on-demand load and soak measurement (not a vitest test) of the real bot wiring against the loopback fake
// Discord, with the committed test model and the two essays. The bot runs in a child process (bot-process.ts) so
// that its event-loop lag and memory are not mixed with the fake's; this process is the fake plus the members.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readGoldenSet } from '../../src/eval/golden.js';
import { MANAGE_GUILD } from '../support/bot-harness.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { memberWordingProblems } from '../support/member-wording.js';
import { REPO_ROOT } from '../support/paths.js';
import { BotHandle } from './bot-handle.js';
import { runBurst, runReindexBurst, runSoak, type LoadContext } from './phases.js';
import { printSummary, writeReport, type LoadReport } from './report.js';
import { AskTraffic, settle } from './traffic.js';

const REINDEX_BURST = 100;
/** Discord asks for one every 41.25 s; 5 s gives every phase several, and discord.js drops a connection whose
 * previous heartbeat went unacknowledged, so a shorter interval is the stricter check. */
const HEARTBEAT_INTERVAL_MS = 5_000;
const REPORT_FILE = path.join(REPO_ROOT, 'tests/load/last-run.json');

const { values: flags } = parseArgs({
  options: {
    burst: { type: 'string', default: '500' },
    users: { type: 'string', default: '50' },
    'soak-minutes': { type: 'string', default: '10' },
    rate: { type: 'string', default: '5' },
    'skip-soak': { type: 'boolean', default: false },
  },
});
const options = {
  burst: Number(flags.burst),
  users: Number(flags.users),
  soakMinutes: Number(flags['soak-minutes']),
  rate: Number(flags.rate),
  skipSoak: flags['skip-soak'] ?? false,
};
const log = (message: string) => console.error(`[load ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
  const startedAt = new Date();
  // One moderator (user 0) plus the members who ask.
  const users = Array.from({ length: options.users + 1 }, (_, i) => ({ username: i === 0 ? 'moderator' : `member${i}` }));
  const discord = await FakeDiscord.start({ users, heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS });
  const root = await mkdtemp(path.join(os.tmpdir(), 'citebot-load-'));
  let bot: BotHandle | undefined;
  try {
    log('starting the bot process (model, index, gateway)');
    bot = await BotHandle.start({ token: discord.token, restApi: discord.restApi, root });
    await discord.waitForReady();
    const [moderator, ...askers] = discord.users.map((user) => user.id);
    const questions = (await readGoldenSet(path.join(REPO_ROOT, 'eval/golden.jsonl'))).map((golden) => golden.question);
    const traffic = new AskTraffic(discord, askers, questions);
    const context: LoadContext = { discord, bot, traffic, moderator: moderator!, heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS };

    // One member asking again and again would otherwise get "please wait" notices instead of answers.
    const cooldown = [{ name: 'cooldown', type: 1, options: [{ name: 'seconds', type: 4, value: 0 }] }];
    const configured = await discord.sendCommand({ name: 'config', user: moderator, memberPermissions: MANAGE_GUILD, options: cooldown }).reply();
    log(`/config cooldown 0: ${configured.message.embeds[0]?.title ?? configured.message.content}`);

    log(`warm-up: each golden question once, ${askers.length} at a time`);
    for (let i = 0; i < questions.length; i += askers.length) {
      await settle(traffic.burst(Math.min(askers.length, questions.length - i)), 60_000);
    }

    log(`burst: ${options.burst} questions from ${askers.length} members`);
    const burst = await runBurst(context, options.burst);
    log(`burst: ${burst.questions.answersDelivered}/${burst.questions.sent} answered in ${burst.durationS} s`);

    log(`reindex: /reindex full:true during a burst of ${REINDEX_BURST}`);
    const reindex = await runReindexBurst(context, REINDEX_BURST);
    log(`reindex: ${reindex.reindex.report}`);

    let soak;
    if (!options.skipSoak) {
      log(`soak: ${options.rate}/s for ${options.soakMinutes} min`);
      soak = await runSoak(context, options.soakMinutes, options.rate);
      log(`soak: ${soak.questions.answersDelivered}/${soak.questions.sent} answered`);
    }

    const report: LoadReport = {
      date: startedAt.toISOString(),
      command: ['node', ...process.execArgv, path.relative(REPO_ROOT, process.argv[1] ?? ''), ...process.argv.slice(2)].join(' '),
      machine: {
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
        memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      },
      node: process.version,
      options,
      heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
      burst,
      reindex,
      soak,
    };
    await writeReport(REPORT_FILE, report);
    printSummary(report);
    log(`wrote ${path.relative(REPO_ROOT, REPORT_FILE)}`);
    const wording = memberWordingProblems(discord.botMessages());
    log(wording.length === 0 ? `member-facing words: ${discord.botMessages().length} messages, no problem` : `member-facing words:\n${wording.join('\n')}`);
    if (wording.length > 0) process.exitCode = 1;
  } finally {
    await bot?.stop();
    await discord.stop();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
