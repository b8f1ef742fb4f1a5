/** Microphone, speaker and ringtone selection, a microphone level meter and a speaker test. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState, type JSX } from 'react';
import type { MediaDeviceSummary, SoftphoneState } from '../../contract/schema';
import { shallowArrayEqual } from '../equality';
import { useAction } from '../hooks/useAction';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { Profiled } from '../Profiled';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';
import { MicrophoneLevelMeter } from './VolumeMeter';

type AudioSlice = SoftphoneState['audio'];

function selectAudio(state: SoftphoneState): AudioSlice {
  return state.audio;
}

function audioEqual(a: AudioSlice, b: AudioSlice): boolean {
  return (
    a.selectedInput === b.selectedInput &&
    a.outputSelectionSupported === b.outputSelectionSupported &&
    shallowArrayEqual(a.inputs, b.inputs) &&
    shallowArrayEqual(a.outputs, b.outputs) &&
    shallowArrayEqual(a.selectedOutputs, b.selectedOutputs) &&
    shallowArrayEqual(a.selectedRingtoneOutputs, b.selectedRingtoneOutputs)
  );
}

/** Labels are empty until microphone permission is granted; never show a blank option. */
function deviceLabel(device: MediaDeviceSummary, index: number, kind: string): string {
  if (device.label) return device.label;
  return device.deviceId === 'default' ? `Default ${kind}` : `${kind} ${index + 1}`;
}

interface DeviceSelectProps {
  label: string;
  kind: string;
  devices: readonly MediaDeviceSummary[];
  value: string | null;
  onChange: (deviceId: string) => void;
  disabled?: boolean;
}

function DeviceSelect({ label, kind, devices, value, onChange, disabled }: DeviceSelectProps): JSX.Element {
  const empty = devices.length === 0;
  return (
    <TextField
      select
      fullWidth
      size="small"
      label={label}
      value={empty ? '' : (value ?? '')}
      disabled={disabled || empty}
      onChange={(event) => {
        if (event.target.value) onChange(event.target.value);
      }}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
    >
      {empty && <option value="">No {kind.toLowerCase()} found</option>}
      {!empty && value === null && <option value="">Choose a {kind.toLowerCase()}</option>}
      {devices.map((device, index) => (
        <option key={device.deviceId} value={device.deviceId}>
          {deviceLabel(device, index, kind)}
        </option>
      ))}
    </TextField>
  );
}

function AudioSettingsForm(): JSX.Element {
  const service = useSoftphoneService();
  const audio = useSoftphone(selectAudio, audioEqual);
  const setInput = useAction((deviceId: string) => service.setInputDevice(deviceId));
  const setOutput = useAction((deviceId: string) => service.setOutputDevice([deviceId]));
  const setRingtone = useAction((deviceId: string) => service.setRingtoneDevice([deviceId]));
  const testSpeaker = useAction(() => service.testSpeaker());

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <DeviceSelect
        label="Microphone"
        kind="Microphone"
        devices={audio.inputs}
        value={audio.selectedInput}
        disabled={setInput.pending}
        onChange={(id) => void setInput.run(id)}
      />
      <ActionError error={setInput.error} onClose={setInput.clearError} />
      {audio.outputSelectionSupported ? (
        <>
          <DeviceSelect
            label="Speaker"
            kind="Speaker"
            devices={audio.outputs}
            value={audio.selectedOutputs[0] ?? null}
            disabled={setOutput.pending}
            onChange={(id) => void setOutput.run(id)}
          />
          <ActionError error={setOutput.error} onClose={setOutput.clearError} />
          <DeviceSelect
            label="Ringtone output"
            kind="Speaker"
            devices={audio.outputs}
            value={audio.selectedRingtoneOutputs[0] ?? null}
            disabled={setRingtone.pending}
            onChange={(id) => void setRingtone.run(id)}
          />
          <ActionError error={setRingtone.error} onClose={setRingtone.clearError} />
        </>
      ) : (
        <Typography variant="body2">This browser plays calls on its default speaker (no output selection).</Typography>
      )}
      <Box>
        <Button size="small" variant="outlined" disabled={testSpeaker.pending} onClick={() => void testSpeaker.run()}>
          Test speaker
        </Button>
        <ActionError error={testSpeaker.error} onClose={testSpeaker.clearError} />
      </Box>
    </Box>
  );
}

export function AudioSettings(props: { defaultExpanded?: boolean }): JSX.Element {
  const { instance } = useSoftphoneService();
  const [expanded, setExpanded] = useState(props.defaultExpanded ?? true);
  const panelId = useId();
  return (
    // Named after the phone: a page with several softphones must not have two same-named regions.
    <Box component="section" aria-label={`Audio settings for ${instance}`}>
      <Button
        size="small"
        aria-expanded={expanded}
        aria-controls={panelId}
        onClick={() => setExpanded((value) => !value)}
        sx={{ px: 0 }}
      >
        Audio settings
      </Button>
      {expanded && (
        <Box id={panelId} sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, mt: 1 }}>
          <Profiled id="audio-settings">
            <AudioSettingsForm />
          </Profiled>
          <Profiled id="mic-meter">
            <MicrophoneLevelMeter label="Microphone level" />
          </Profiled>
          <Typography variant="caption">Speak to check that the selected microphone hears you.</Typography>
        </Box>
      )}
    </Box>
  );
}
