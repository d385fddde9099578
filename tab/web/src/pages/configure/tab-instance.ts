import type { TabInstance, TabPlace } from '../../host/tab-config-host';
import { communityHash } from '../community/community-address';

export interface ChosenCommunity {
  id: string;
  name: string;
}

/**
 * The tab Teams saves: meetings open the meeting page; channels and chats open the chosen
 * community's own page. `entityId` names the community so Teams can tell two such tabs apart.
 */
export function tabInstanceFor(place: TabPlace, origin: string, community: ChosenCommunity | null): TabInstance {
  if (place === 'meeting') {
    const url = `${origin}/tab/#/meeting`;
    return { contentUrl: url, websiteUrl: url, entityId: 'meeting', suggestedDisplayName: 'Trust Communities' };
  }
  if (!community) throw new Error('Choose the community this tab is for.');
  const url = `${origin}/tab/${communityHash(community.id)}`;
  return { contentUrl: url, websiteUrl: url, entityId: `community-${community.id}`, suggestedDisplayName: community.name };
}
