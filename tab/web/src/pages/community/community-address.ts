/** What `#/community?id=...` names: the community, or why the address cannot be used. */
export type CommunityAddress = { status: 'ok'; id: string } | { status: 'missing' } | { status: 'malformed'; value: string };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads `id` from the hash's query (the router only looks at the path before `?`). */
export function communityAddressFromHash(hash: string): CommunityAddress {
  const query = hash.split('?')[1];
  const id = query ? new URLSearchParams(query).get('id')?.trim() : undefined;
  if (!id) return { status: 'missing' };
  return uuidPattern.test(id) ? { status: 'ok', id } : { status: 'malformed', value: id };
}

/** The hash of a community's page, as the channel tab's content URL uses it. */
export function communityHash(communityId: string): string {
  return `#/community?id=${encodeURIComponent(communityId)}`;
}
