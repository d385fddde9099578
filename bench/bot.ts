import { waysOfWorkingVerbs } from '../bot/cards/ways-of-working-card-verbs';
import { personalConversationId, personalMessage, type ActivityContext, type ActivityPerson } from '../tests/support/activities';
import { meetingChatCardAction } from '../tests/support/meeting-activities';
import { startBenchApp } from './support/bench-app';
import { startEchoBot } from './support/echo-bot';
import { mergeLoadResults, runLoad, type LoadRequest, type LoadResult, type LoadShape } from './support/load';
import { printFigures, progress, round } from './support/report';
import { sampleRss } from './support/rss';
import { openWaysOfWorkingMeeting, type OpenedMeeting } from './support/ways-of-working-seed';

/**
 * Bot turn throughput and latency against a bare botbuilder echo bot measured in the same run.
 * Traffic: members pressing "I'll work this way" on a meeting's Ways of Working card (an
 * Action.Execute submit: zod-validated, written to the database, answered with the refreshed
 * card and its count), with one turn in four a "my communities" message (conversation reference
 * upsert + reply card to the Teams double).
 */
const goal = { minRatio: 0.6, maxP99Ms: 50 };
const messageShare = 4; // every 4th request is a message turn

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const shape: LoadShape = {
  connections: numberFromEnv('BENCH_CONNECTIONS', 10),
  durationSeconds: numberFromEnv('BENCH_DURATION', 16),
  maxRequests: numberFromEnv('BENCH_MAX_REQUESTS', 500_000),
};
const warmupSeconds = numberFromEnv('BENCH_WARMUP', 2);
/** Turns each bot takes; BENCH_DURATION is split across them. */
const rounds = Math.round(numberFromEnv('BENCH_ROUNDS', 4));

/** One activity as a request; autocannon puts a fresh id where `[<id>]` is, so no two activity ids repeat. */
function activityRequest(activity: object): LoadRequest {
  return {
    method: 'POST',
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...activity, id: 'f:[<id>]' }),
  };
}

function trafficMix(ctx: ActivityContext, meeting: OpenedMeeting): LoadRequest[] {
  const people = meeting.members;
  const requests: LoadRequest[] = [];
  // Long enough that every person sends both kinds of turn; after a person's first press each
  // press is still validated and written (the insert finds the row there and counts once).
  for (let i = 0; i < people.length * messageShare; i += 1) {
    const person = people[i % people.length] as ActivityPerson;
    requests.push(
      activityRequest(
        i % messageShare === messageShare - 1
          ? personalMessage(ctx, person, 'my communities')
          : meetingChatCardAction(ctx, person, meeting.teams, waysOfWorkingVerbs.acknowledge, { meetingId: meeting.meetingId }),
      ),
    );
  }
  return requests;
}

async function post(url: string, activity: object): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text() };
}

/**
 * Before timing anything, check that both bots really do the work the benchmark claims to measure:
 * the press answers with a card (`checkCard`), and a message turn sends a reply (`expectReply`).
 */
async function checkTurns(
  label: string,
  url: string,
  ctx: ActivityContext,
  meeting: OpenedMeeting,
  person: ActivityPerson,
  checkCard: (body: string) => Promise<void>,
  expectReply: () => Promise<void>,
): Promise<void> {
  const invoke = await post(url, meetingChatCardAction(ctx, person, meeting.teams, waysOfWorkingVerbs.acknowledge, { meetingId: meeting.meetingId }));
  const parsed = JSON.parse(invoke.body) as { statusCode?: number; type?: string; value?: { type?: string } };
  if (invoke.status !== 200 || parsed.statusCode !== 200 || parsed.value?.type !== 'AdaptiveCard') {
    throw new Error(`${label}: the card press did not return a card (HTTP ${invoke.status}): ${invoke.body.slice(0, 300)}`);
  }
  await checkCard(invoke.body);
  const message = await post(url, personalMessage(ctx, person, 'my communities'));
  if (message.status !== 200) throw new Error(`${label}: the message turn answered HTTP ${message.status}: ${message.body.slice(0, 300)}`);
  await expectReply();
  progress(`${label}: the card press returns a card and a message turn sends a reply`);
}

async function warmUp(label: string, url: string, requests: LoadRequest[]): Promise<void> {
  progress(`${label}: warm-up ${warmupSeconds} s`);
  await runLoad({ url, requests, connections: shape.connections, durationSeconds: warmupSeconds, maxRequests: shape.maxRequests });
}

async function measure(label: string, url: string, requests: LoadRequest[], seconds: number): Promise<{ result: LoadResult; rssMb: number }> {
  const rss = sampleRss();
  const result = await runLoad({ url, requests, ...shape, durationSeconds: seconds });
  const memory = rss.stop();
  progress(`${label}: ${describe(result)}, peak RSS ${round(memory.peakMb, 0)} MB`);
  return { result, rssMb: memory.peakMb };
}

function describe(result: LoadResult): string {
  const l = result.latency;
  return (
    `${result.requests} requests in ${round(result.elapsedSeconds, 1)} s, ${round(result.rps, 0)} req/s, ` +
    `p50 ${round(l.p50)} ms, p90 ${round(l.p90)} ms, p99 ${round(l.p99)} ms, max ${round(l.max)} ms, ` +
    `statuses ${JSON.stringify(result.statusCounts)}, failures ${result.failures}`
  );
}

async function main(): Promise<void> {
  progress('starting the app (local mode, demo trust) and a Teams double');
  const bench = await startBenchApp();
  const echo = await startEchoBot();
  const rssAtStartMb = process.memoryUsage.rss() / (1024 * 1024);
  try {
    const ctx: ActivityContext = { serviceUrl: bench.teams.serviceUrl, tenantId: bench.tenantId };
    const meeting = await openWaysOfWorkingMeeting({ database: bench.database, appUrl: bench.app.url, teams: bench.teams, ctx, maxMembers: 6 });
    const requests = trafficMix(ctx, meeting);
    const first = meeting.members[0] as ActivityPerson;
    progress(
      `database: ${bench.databaseLabel}; Ways of Working card opened for "${meeting.title}" (${meeting.communityName}); ` +
        `${meeting.members.length} members press "I'll work this way"; ${requests.length} activities in rotation, 1 in ${messageShare} a message turn`,
    );

    const replyFrom = (pattern: string) => async () => {
      const sent = await bench.teams.waitForActivities(1, 5000, personalConversationId(first));
      if (!JSON.stringify(sent.at(-1)).includes(pattern)) throw new Error(`the reply did not contain ${pattern}`);
      await bench.teams.resetCalls();
    };
    const echoCard = async (body: string) => {
      if (!body.includes(`Echo: ${waysOfWorkingVerbs.acknowledge}`)) throw new Error(`echo: unexpected card ${body.slice(0, 300)}`);
    };
    // The app's answer is the refreshed card with the count, and the acknowledgement is a row in the database.
    const appCard = async (body: string) => {
      if (!/\d+ of \d+ members? ha(ve|s) said they'll work this way/.test(body) || !body.includes(`Thank you, ${first.name}`)) {
        throw new Error(`app: the card press did not return the refreshed Ways of Working card: ${body.slice(0, 300)}`);
      }
      const { rows } = await bench.database.executeSql(
        'select 1 from meeting_acknowledgements a join people p on p.id = a.person_id where a.meeting_id = $1 and p.entra_object_id = $2',
        [meeting.meetingId, first.aadObjectId],
      );
      if (rows.length !== 1) throw new Error(`app: no acknowledgement row for ${first.name} after the press`);
    };
    await checkTurns('echo', echo.url, ctx, meeting, first, echoCard, replyFrom('Echo: my communities'));
    await checkTurns('app', bench.app.url, ctx, meeting, first, appCard, replyFrom('AdaptiveCard'));

    // The machine is shared and its speed drifts, so the two bots take turns (echo, app, app, echo, ...)
    // and each figure is over all of a bot's turns; a slow spell then lands on both alike.
    await warmUp('echo', echo.url, requests);
    await warmUp('app', bench.app.url, requests);
    const seconds = shape.durationSeconds / rounds;
    const echoRuns: LoadResult[] = [];
    const appRuns: LoadResult[] = [];
    let appPeakRssMb = 0;
    for (let turn = 0; turn < rounds; turn += 1) {
      const order = turn % 2 === 0 ? (['echo', 'app'] as const) : (['app', 'echo'] as const);
      for (const which of order) {
        progress(`round ${turn + 1}/${rounds}: ${which}, ${round(seconds, 1)} s at ${shape.connections} connections`);
        if (which === 'echo') {
          echoRuns.push((await measure('echo', echo.url, requests, seconds)).result);
        } else {
          const run = await measure('app', bench.app.url, requests, seconds);
          appRuns.push(run.result);
          appPeakRssMb = Math.max(appPeakRssMb, run.rssMb);
        }
        await bench.teams.resetCalls();
      }
    }
    const baseline = mergeLoadResults(echoRuns);
    const app = mergeLoadResults(appRuns);
    progress(`echo overall: ${describe(baseline)}`);
    progress(`app overall: ${describe(app)}`);

    const ratio = app.rps / baseline.rps;
    const goalMet = ratio >= goal.minRatio && app.latency.p99 < goal.maxP99Ms;
    progress(`ratio vs echo ${round(ratio)} (goal >= ${goal.minRatio}); p99 ${round(app.latency.p99)} ms (goal < ${goal.maxP99Ms}); goal ${goalMet ? 'met' : 'missed'}`);
    const errors = app.failures + baseline.failures;
    if (errors > 0) process.exitCode = 1;
    printFigures({
      bench: 'bot',
      ratio_vs_echo: round(ratio, 3),
      p50_ms: round(app.latency.p50),
      p99_ms: round(app.latency.p99),
      rps: round(app.rps, 0),
      echo_rps: round(baseline.rps, 0),
      rss_mb: round(appPeakRssMb, 0),
      errors,
      echo_p50_ms: round(baseline.latency.p50),
      echo_p99_ms: round(baseline.latency.p99),
      rss_start_mb: round(rssAtStartMb, 0),
      connections: shape.connections,
      rounds,
      duration_s: shape.durationSeconds,
      database: bench.database.kind,
      goal_met: goalMet,
    });
  } finally {
    await echo.close();
    await bench.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:bot failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
