import template from './my-communities-card.json';
import { renderCard, type AdaptiveCard } from './render-card';

export interface MyCommunitiesCardData {
  personName: string;
  communities: { name: string; role: 'lead' | 'member'; nextMeeting: string | null }[];
  tabUrl: string;
}

export function myCommunitiesCard(data: MyCommunitiesCardData): AdaptiveCard {
  const count = data.communities.length;
  return renderCard(template, {
    personName: data.personName,
    summary:
      count === 0
        ? 'you are not in any community yet. Your PD lead can nominate you.'
        : `you are in ${count} ${count === 1 ? 'community' : 'communities'}.`,
    communities: data.communities.map((c) => ({
      name: c.name,
      role: c.role === 'lead' ? 'Community lead' : 'Member',
      nextMeeting: c.nextMeeting ?? 'None planned yet',
    })),
    tabUrl: data.tabUrl,
  });
}
