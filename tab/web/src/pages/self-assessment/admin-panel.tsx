import { Button, Checkbox, Field, Input, Select, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { NewCycle, Overview, SelfAssessmentClient } from '../../api/self-assessment-client';
import { toApiError } from '../../api/use-api-request';
import { SectionHeading } from '../../components/headings';
import { formatDay } from '../../format/dates';
import { areaLabel } from './trust-view';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, color: tokens.colorPaletteRedForeground1 },
});

type PopulationKind = NewCycle['population']['kind'];

/** Trust administrators: open a cycle, and load or edit a framework (a new version each time). */
export function AdminPanel({ client, overview, onChanged }: { client: SelfAssessmentClient; overview: Overview; onChanged: () => void }) {
  const styles = useStyles();
  return (
    <div className={styles.panel}>
      <section aria-labelledby="cycles-heading" className={styles.form}>
        <SectionHeading id="cycles-heading">Cycles</SectionHeading>
        {overview.cycles.length === 0 ? (
          <Text>No cycles yet.</Text>
        ) : (
          <ul className={styles.list}>
            {overview.cycles.map((c) => (
              <li key={c.id}>
                {c.name} ({c.frameworkName} v{c.frameworkVersion}): {formatDay(c.opensOn)} to {formatDay(c.closesOn)}, {c.window}; {c.submitted} of {c.participants}{' '}
                submitted
              </li>
            ))}
          </ul>
        )}
        <OpenCycleForm client={client} overview={overview} onOpened={onChanged} />
      </section>
      <FrameworkLoader client={client} overview={overview} onSaved={onChanged} />
    </div>
  );
}

function OpenCycleForm({ client, overview, onOpened }: { client: SelfAssessmentClient; overview: Overview; onOpened: () => void }) {
  const styles = useStyles();
  const [name, setName] = useState('');
  const [frameworkId, setFrameworkId] = useState(overview.frameworks.find((f) => f.isDefault)?.id ?? overview.frameworks[0]?.id ?? '');
  const [kind, setKind] = useState<PopulationKind>('service_area');
  const [areas, setAreas] = useState<string[]>(overview.serviceAreas);
  const [academyId, setAcademyId] = useState(overview.academies[0]?.id ?? '');
  const [opensOn, setOpensOn] = useState('');
  const [closesOn, setClosesOn] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function open() {
    setMessage(null);
    const population: NewCycle['population'] =
      kind === 'service_area' ? { kind, serviceAreas: areas } : kind === 'academy' ? { kind, academyIds: [academyId] } : { kind: 'central_team' };
    try {
      const cycle = await client.openCycle({ name, frameworkId, population, opensOn, closesOn });
      setMessage({ ok: true, text: `"${cycle.name}" is set up for ${cycle.participants} people. Invitations go out in Teams when it opens.` });
      onOpened();
    } catch (error) {
      setMessage({ ok: false, text: toApiError(error).message });
    }
  }

  return (
    <form
      className={styles.form}
      aria-label="Open a cycle"
      onSubmit={(event) => {
        event.preventDefault();
        void open();
      }}
    >
      <Text as="h3" weight="semibold" size={400} style={{ margin: 0 }}>
        Open a cycle
      </Text>
      <Field label="Name" required>
        <Input value={name} onChange={(_, data) => setName(data.value)} placeholder="Autumn term 2026" />
      </Field>
      <Field label="Framework">
        <Select value={frameworkId} onChange={(_, data) => setFrameworkId(data.value)}>
          {overview.frameworks.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name} v{f.version}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Who takes part">
        <Select value={kind} onChange={(_, data) => setKind(data.value as PopulationKind)}>
          <option value="service_area">Operations staff in chosen service areas</option>
          <option value="academy">Operations staff at an academy</option>
          <option value="central_team">The central team (not based at an academy)</option>
        </Select>
      </Field>
      {kind === 'service_area' ? (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>Service areas</legend>
          <div className={styles.row}>
            {overview.serviceAreas.map((a) => (
              <Checkbox key={a} label={areaLabel(a)} checked={areas.includes(a)} onChange={(_, data) => setAreas((current) => (data.checked ? [...current, a] : current.filter((x) => x !== a)))} />
            ))}
          </div>
        </fieldset>
      ) : null}
      {kind === 'academy' ? (
        <Field label="Academy">
          <Select value={academyId} onChange={(_, data) => setAcademyId(data.value)}>
            {overview.academies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <div className={styles.row}>
        <Field label="Opens on" required>
          <Input type="date" value={opensOn} onChange={(_, data) => setOpensOn(data.value)} />
        </Field>
        <Field label="Closes on" required>
          <Input type="date" value={closesOn} onChange={(_, data) => setClosesOn(data.value)} />
        </Field>
      </div>
      <div>
        <Button type="submit" appearance="primary">
          Open cycle
        </Button>
      </div>
      {message ? <Text role={message.ok ? 'status' : 'alert'}>{message.text}</Text> : null}
    </form>
  );
}

function FrameworkLoader({ client, overview, onSaved }: { client: SelfAssessmentClient; overview: Overview; onSaved: () => void }) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [allowRemoved, setAllowRemoved] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; lines: string[] } | null>(null);

  async function editLatest(id: string) {
    const framework = await client.framework(id);
    const { key, name, introduction, scale, descriptors } = framework;
    const next = {
      key,
      name,
      version: Math.max(...overview.frameworks.filter((f) => f.key === key).map((f) => f.version)) + 1,
      introduction,
      scale,
      descriptors: descriptors.map(({ title, statement, behaviours, exceptionalLooksLike }) => ({ title, statement, behaviours, exceptionalLooksLike })),
    };
    setText(JSON.stringify(next, null, 2));
    setResult(null);
  }

  async function save() {
    setResult(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      setResult({ ok: false, lines: [`This is not valid JSON: ${(error as Error).message}. Nothing was saved.`] });
      return;
    }
    try {
      const saved = await client.saveFramework(parsed, allowRemoved);
      setResult({ ok: true, lines: [saved.outcome === 'created' ? `Saved ${saved.framework.name} version ${saved.framework.version}.` : 'That version is already stored; nothing changed.'] });
      onSaved();
    } catch (error) {
      const message = toApiError(error).message.replace(/^The framework was not saved: /, '');
      setResult({ ok: false, lines: ['The framework was not saved. Nothing already stored has changed.', ...message.split('; ')] });
    }
  }

  return (
    <section aria-labelledby="frameworks-heading" className={styles.form}>
      <SectionHeading id="frameworks-heading">Frameworks</SectionHeading>
      <ul className={styles.list}>
        {overview.frameworks.map((f) => (
          <li key={f.id}>
            {f.name} version {f.version}
            {f.isDefault ? ' (default)' : ''}: {f.descriptorCount} descriptors{' '}
            <Button size="small" appearance="subtle" onClick={() => void editLatest(f.id)}>
              Edit as version {Math.max(...overview.frameworks.filter((x) => x.key === f.key).map((x) => x.version)) + 1}
            </Button>
          </li>
        ))}
      </ul>
      <Field label="Load a framework file" hint="The format is in docs/framework-format.md.">
        <input
          type="file"
          accept="application/json,.json"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) setText(await file.text());
          }}
        />
      </Field>
      <Field label="Framework JSON">
        <Textarea value={text} onChange={(_, data) => setText(data.value)} rows={12} />
      </Field>
      <Checkbox label="This version removes descriptors on purpose" checked={allowRemoved} onChange={(_, data) => setAllowRemoved(Boolean(data.checked))} />
      <div>
        <Button appearance="primary" disabled={text.trim() === ''} onClick={() => void save()}>
          Save as a new version
        </Button>
      </div>
      {result ? (
        <ul className={result.ok ? styles.list : styles.problems} role={result.ok ? 'status' : 'alert'}>
          {result.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
