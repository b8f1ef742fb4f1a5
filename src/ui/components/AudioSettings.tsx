/** Microphone, speaker and ringtone selection, a microphone level meter and a speaker test. */
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useId, useState, type JSX } from 'react';
import type { MediaDeviceSummary, SoftphoneState } from '../../contract/schema';
import { shallowArrayEqual } from '../equality';
import { useAction } from '../hooks/useAction';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { useI18n } from '../i18n/I18nContext';
import type { Translator } from '../i18n/translator';
import { Profiled } from '../Profiled';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';
import { NativeSelectField } from './Field';
import { SpeakerTest } from './SpeakerTest';
import { SxBox, sxClass } from './SxBox';
import { MicrophoneLevelMeter } from './VolumeMeter';

type AudioSlice = SoftphoneState['audio'];

const FORM = sxClass({ display: 'flex', flexDirection: 'column', gap: 1.5 });
const PANEL = sxClass({ display: 'flex', flexDirection: 'column', gap: 1.5, mt: 1 });
const REGION = sxClass({});

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

type DeviceKind = 'microphone' | 'speaker';

/** Labels are empty until microphone permission is granted; never show a blank option. */
function deviceLabel(device: MediaDeviceSummary, index: number, kind: DeviceKind, t: Translator['t']): string {
  if (device.label) return device.label;
  if (kind === 'microphone')
    return device.deviceId === 'default'
      ? t('settings.defaultMicrophone')
      : t('settings.nthMicrophone', { n: index + 1 });
  return device.deviceId === 'default' ? t('settings.defaultSpeaker') : t('settings.nthSpeaker', { n: index + 1 });
}

interface DeviceSelectProps {
  label: string;
  kind: DeviceKind;
  devices: readonly MediaDeviceSummary[];
  value: string | null;
  onChange: (deviceId: string) => void;
  disabled?: boolean;
}

function DeviceSelect({ label, kind, devices, value, onChange, disabled }: DeviceSelectProps): JSX.Element {
  const { t } = useI18n();
  const mic = kind === 'microphone';
  const empty = devices.length === 0;
  return (
    <NativeSelectField
      fullWidth
      label={label}
      value={empty ? '' : (value ?? '')}
      disabled={disabled || empty}
      onChange={(event) => {
        if (event.target.value) onChange(event.target.value);
      }}
    >
      {empty && <option value="">{mic ? t('settings.noMicrophone') : t('settings.noSpeaker')}</option>}
      {!empty && value === null && (
        <option value="">{mic ? t('settings.chooseMicrophone') : t('settings.chooseSpeaker')}</option>
      )}
      {devices.map((device, index) => (
        <option key={device.deviceId} value={device.deviceId}>
          {deviceLabel(device, index, kind, t)}
        </option>
      ))}
    </NativeSelectField>
  );
}

function AudioSettingsForm(): JSX.Element {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const audio = useSoftphone(selectAudio, audioEqual);
  const setInput = useAction((deviceId: string) => service.setInputDevice(deviceId));
  const setOutput = useAction((deviceId: string) => service.setOutputDevice([deviceId]));
  const setRingtone = useAction((deviceId: string) => service.setRingtoneDevice([deviceId]));

  return (
    <SxBox styles={FORM}>
      <DeviceSelect
        label={t('settings.microphone')}
        kind="microphone"
        devices={audio.inputs}
        value={audio.selectedInput}
        disabled={setInput.pending}
        onChange={(id) => void setInput.run(id)}
      />
      <ActionError error={setInput.error} onClose={setInput.clearError} />
      {audio.outputSelectionSupported ? (
        <>
          <DeviceSelect
            label={t('settings.speaker')}
            kind="speaker"
            devices={audio.outputs}
            value={audio.selectedOutputs[0] ?? null}
            disabled={setOutput.pending}
            onChange={(id) => void setOutput.run(id)}
          />
          <ActionError error={setOutput.error} onClose={setOutput.clearError} />
          <DeviceSelect
            label={t('settings.ringtone')}
            kind="speaker"
            devices={audio.outputs}
            value={audio.selectedRingtoneOutputs[0] ?? null}
            disabled={setRingtone.pending}
            onChange={(id) => void setRingtone.run(id)}
          />
          <ActionError error={setRingtone.error} onClose={setRingtone.clearError} />
        </>
      ) : (
        <Typography variant="body2">{t('settings.noOutputSelection')}</Typography>
      )}
      <SpeakerTest sinkId={audio.outputSelectionSupported ? (audio.selectedOutputs[0] ?? null) : null} />
    </SxBox>
  );
}

export function AudioSettings(props: { defaultExpanded?: boolean }): JSX.Element {
  const { instance } = useSoftphoneService();
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(props.defaultExpanded ?? true);
  const panelId = useId();
  return (
    // Named after the phone: a page with several softphones must not have two same-named regions.
    <SxBox component="section" aria-label={t('settings.region', { name: instance })} styles={REGION}>
      <Button
        size="small"
        aria-expanded={expanded}
        aria-controls={panelId}
        onClick={() => setExpanded((value) => !value)}
        sx={{ px: 0 }}
      >
        {t('settings.toggle')}
      </Button>
      {expanded && (
        <SxBox id={panelId} styles={PANEL}>
          <Profiled id="audio-settings">
            <AudioSettingsForm />
          </Profiled>
          <Profiled id="mic-meter">
            <MicrophoneLevelMeter label={t('meter.mic')} />
          </Profiled>
          <Typography variant="caption">{t('settings.micHint')}</Typography>
        </SxBox>
      )}
    </SxBox>
  );
}
