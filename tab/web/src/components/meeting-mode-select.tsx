import { Select, type SelectProps } from '@fluentui/react-components';
import type { MeetingMode } from '../api/types';
import { meetingModeLabel, meetingModeOptions } from '../format/labels';

/** Chooses face to face, hybrid or online. Inside a Fluent `Field` it is labelled by the field. */
export function MeetingModeSelect(props: Omit<SelectProps, 'value' | 'onChange'> & { value: MeetingMode; onChange: (mode: MeetingMode) => void }) {
  const { value, onChange, ...rest } = props;
  return (
    <Select {...rest} value={value} onChange={(_event, data) => onChange(data.value as MeetingMode)}>
      {meetingModeOptions.map((mode) => (
        <option key={mode} value={mode}>
          {meetingModeLabel(mode)}
        </option>
      ))}
    </Select>
  );
}
