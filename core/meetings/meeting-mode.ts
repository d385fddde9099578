export const meetingModes = ['face_to_face', 'hybrid', 'online'] as const;
export type MeetingMode = (typeof meetingModes)[number];

export const meetingModeLabels: Record<MeetingMode, string> = {
  face_to_face: 'Face to face',
  hybrid: 'Hybrid',
  online: 'Online',
};
