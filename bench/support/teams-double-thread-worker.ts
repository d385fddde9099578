import { parentPort } from 'node:worker_threads';
import { startTeamsDouble } from '../../tests/doubles/teams';
import type { TeamsDoubleAnswer, TeamsDoubleQuestion } from './teams-double-thread';

/** Runs the Teams double in this worker thread and answers the benchmark's questions about it. */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('teams-double-thread-worker runs only as a worker thread');
  const teams = await startTeamsDouble({ rateLimits: false });
  const reply = (answer: TeamsDoubleAnswer) => port.postMessage(answer);
  port.on('message', (question: TeamsDoubleQuestion) => {
    const answered = (value?: unknown) => reply({ id: question.id, value });
    const failed = (error: unknown) => reply({ id: question.id, error: error instanceof Error ? error.message : String(error) });
    switch (question.ask) {
      case 'activities':
        return answered(teams.activities(question.conversationId));
      case 'waitForActivities':
        return void teams.waitForActivities(question.count, question.timeoutMs, question.conversationId).then(answered, failed);
      case 'resetCalls':
        teams.resetCalls();
        return answered();
      case 'close':
        return void teams.close().then(() => answered(), failed);
    }
  });
  reply({ ready: teams.serviceUrl });
}

void main();
