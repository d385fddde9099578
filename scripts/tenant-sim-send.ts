/**
 * `npx tsx scripts/tenant-sim-send.ts [text] [aadObjectId]`: sends a message to the bot of a
 * running tenant simulation (`npm run start:tenant-sim`) as a Teams user, with a channel token
 * signed by the Entra double, and prints what the bot sent back through the Teams double.
 */
async function main(): Promise<void> {
  const [text = 'help', aadObjectId] = process.argv.slice(2);
  const controlUrl = process.env.TENANT_SIM_CONTROL_URL ?? 'http://127.0.0.1:3982';
  let response: Response;
  try {
    response = await fetch(`${controlUrl}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, ...(aadObjectId ? { aadObjectId } : {}) }),
    });
  } catch {
    throw new Error(`No tenant simulation answers at ${controlUrl}. Start one with: npm run start:tenant-sim`);
  }
  const result = (await response.json()) as { status: number; replies: unknown[] };
  console.log(`The bot answered HTTP ${result.status} and sent ${result.replies.length} activit${result.replies.length === 1 ? 'y' : 'ies'}:`);
  for (const reply of result.replies) console.log(describe(reply));
}

function describe(reply: unknown): string {
  if (typeof reply !== 'object' || reply === null) return String(reply);
  const activity = reply as { text?: string; attachments?: Array<{ contentType?: string; content?: unknown }> };
  const cards = (activity.attachments ?? []).map((attachment) => `[${attachment.contentType}] ${JSON.stringify(attachment.content)}`);
  return ['---', ...(activity.text ? [activity.text] : []), ...cards].join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
