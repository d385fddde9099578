import { assignModes, assignVenues } from './assign-modes';

describe('assigning modes and venues', () => {
  it('repeats an explicit sequence exactly', () => {
    const sequence = ['face_to_face', 'online', 'online', 'hybrid'] as const;
    expect(assignModes({ kind: 'sequence', modes: [...sequence] }, 10)).toEqual([...sequence, ...sequence, 'face_to_face', 'online']);
  });

  it('shares a 1:1:2 ratio over 8 meetings as 2, 2 and 4, spread evenly', () => {
    const modes = assignModes({ kind: 'ratio', ratio: { face_to_face: 1, hybrid: 1, online: 2 } }, 8);
    expect(modes).toEqual(['face_to_face', 'hybrid', 'online', 'online', 'face_to_face', 'hybrid', 'online', 'online']);
  });

  it('gives a ratio that does not divide evenly its largest remainders, face to face first', () => {
    const modes = assignModes({ kind: 'ratio', ratio: { face_to_face: 1, hybrid: 1, online: 2 } }, 6);
    expect(modes.filter((m) => m === 'face_to_face')).toHaveLength(2);
    expect(modes.filter((m) => m === 'hybrid')).toHaveLength(1);
    expect(modes.filter((m) => m === 'online')).toHaveLength(3);
  });

  it('rotates host academies over face-to-face and hybrid meetings only', () => {
    const venues = assignVenues(['face_to_face', 'online', 'hybrid', 'face_to_face', 'online'], { kind: 'rotation', venues: ['North', 'South'] });
    expect(venues).toEqual(['North', null, 'South', 'North', null]);
  });

  it('uses a fixed venue for every meeting in person', () => {
    expect(assignVenues(['hybrid', 'online'], { kind: 'fixed', venue: 'Trust office' })).toEqual(['Trust office', null]);
  });
});
