import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoTrustFile } from './demo-trust';
import { formatProblem, parseTrustCsv, readTrustDataFiles, trustDataSchema } from './trust-data-format';

describe('the trust data format', () => {
  it('accepts the demo file as a whole', () => {
    const parsed = trustDataSchema.safeParse(JSON.parse(fs.readFileSync(demoTrustFile(), 'utf8')));
    expect(parsed.success).toBe(true);
  });

  it('turns CSV rows into document rows: trimmed cells, empty cells left out, lists split on semicolons', () => {
    const loaded = parseTrustCsv([
      {
        name: '/some/folder/people.csv',
        content: '\uFEFFemail,display_name,job_title,roles\n  ann@x.example , Ann Lee ,,"trust_admin; line_manager"\n',
      },
    ]);
    expect(loaded.problems).toEqual([]);
    expect(loaded.data).toEqual({ people: [{ email: 'ann@x.example', displayName: 'Ann Lee', roles: ['trust_admin', 'line_manager'] }] });
    expect(loaded.origin).toEqual({ kind: 'csv', files: { people: 'people.csv' } });
  });

  it('reports unknown and missing columns against the header row, and files it does not read', () => {
    const loaded = parseTrustCsv([
      { name: 'people.csv', content: 'email,name,favourite_colour\nann@x.example,Ann,blue\n' },
      { name: 'staff.csv', content: 'email\n' },
    ]);
    expect(loaded.problems.map(formatProblem)).toEqual([
      'people.csv row 1: unknown column "name"; the columns are email, display_name, job_title, academy, service_area, line_manager, entra_object_id, roles',
      'people.csv row 1: unknown column "favourite_colour"; the columns are email, display_name, job_title, academy, service_area, line_manager, entra_object_id, roles',
      'people.csv row 1: missing column "display_name"',
      'staff.csv: is not a file this import reads; name CSV files trust.csv, academies.csv, people.csv, communities.csv, memberships.csv, meetings.csv',
    ]);
  });

  it('reports a malformed CSV file instead of throwing', () => {
    const loaded = parseTrustCsv([{ name: 'academies.csv', content: 'code,name\nNGP,"Northgate\nNGS,Other,extra\n' }]);
    expect(loaded.problems).toHaveLength(1);
    expect(formatProblem(loaded.problems[0]!)).toMatch(/^academies\.csv: could not be read as CSV: /);
  });

  it('reads a JSON file, and reports one that is not JSON or does not exist', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-json-'));
    try {
      const good = path.join(folder, 'trust.json');
      const bad = path.join(folder, 'broken.json');
      fs.writeFileSync(good, '{"academies": []}');
      fs.writeFileSync(bad, '{"academies": [');
      expect(await readTrustDataFiles([good])).toEqual({ data: { academies: [] }, origin: { kind: 'json', file: 'trust.json' }, problems: [] });
      const broken = await readTrustDataFiles([bad]);
      expect(broken.problems.map(formatProblem)).toEqual([expect.stringMatching(/^broken\.json: is not valid JSON: /)]);
      const missing = await readTrustDataFiles([path.join(folder, 'missing.json')]);
      expect(missing.problems.map((p) => p.message)).toEqual(['does not exist']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
