import { chatThreadIdFromJoinUrl } from './meeting-join-url';

describe('reading the meeting chat from a Teams join URL', () => {
  it('reads the thread id from a classic meetup-join URL', () => {
    const url = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NGQ3NTMxNGYtNjc0Mi00ZjQz%40thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d';
    expect(chatThreadIdFromJoinUrl(url)).toBe('19:meeting_NGQ3NTMxNGYtNjc0Mi00ZjQz@thread.v2');
  });

  it('gives nothing for short links, local links, other hosts and broken encodings, so the caller looks the meeting up', () => {
    for (const url of [
      'https://teams.microsoft.com/meet/21234567890?p=abcdef',
      'https://teams.local.invalid/meet/4f1c',
      'https://evil.example/l/meetup-join/19%3ameeting_abc%40thread.v2/0',
      'https://teams.microsoft.com/l/meetup-join/%E0%A4%A/0',
      'https://teams.microsoft.com/l/meetup-join/19%3aabc%40thread.tacv2/0',
      'not a url',
    ]) {
      expect(chatThreadIdFromJoinUrl(url)).toBeUndefined();
    }
  });
});
