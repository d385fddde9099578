import type { Command } from './command';
import { normaliseCommandText } from './command';
import { helpCommand } from './help-command';
import { myCommunitiesCommand } from './my-communities-command';
import { selfAssessmentCommand } from './self-assessment-command';
import { startMeetingCommand } from './start-meeting-command';

/** Every text command the bot understands, registered in one place. */
export function createCommandRegistry(): { commands: readonly Command[]; find(text: string): Command | undefined } {
  const commands: Command[] = [];
  commands.push(myCommunitiesCommand, selfAssessmentCommand, startMeetingCommand, helpCommand(() => commands));
  const byTrigger = new Map<string, Command>();
  for (const command of commands) for (const trigger of command.triggers) byTrigger.set(trigger, command);
  return { commands, find: (text) => byTrigger.get(normaliseCommandText(text)) };
}
