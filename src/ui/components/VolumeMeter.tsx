/**
 * Level meters fed by `service.volume$` (a call's levels) and `service.micLevel$` (the selected
 * microphone, in and outside calls). They are the only components that subscribe to those high-rate
 * streams, so level samples re-render meters and nothing else.
 */
import Typography from '@mui/material/Typography';
import { useId, useMemo, type JSX } from 'react';
import { distinctUntilChanged, filter, map, type Observable } from 'rxjs';
import { useObservable } from '../hooks/useObservable';
import { useSoftphoneService } from '../ServiceContext';
import { SxBox, sxClass } from './SxBox';

export interface VolumeMeterProps {
  /** Accessible and visible name, e.g. "Microphone level". */
  label: string;
  channel: 'input' | 'output';
  /** Only samples of this call; all calls when omitted. */
  callSid?: string;
}

/** Levels are shown in whole percent; finer changes would re-render without a visible difference. */
function toPercent(level: number): number {
  if (!Number.isFinite(level)) return 0;
  return Math.round(Math.min(1, Math.max(0, level)) * 100);
}

/** Whole percents, repeated values dropped: a sample that changes nothing visible renders nothing. */
function toPercents(levels: Observable<number>): Observable<number> {
  return levels.pipe(map(toPercent), distinctUntilChanged());
}

export function VolumeMeter({ label, channel, callSid }: VolumeMeterProps): JSX.Element {
  const service = useSoftphoneService();
  const percent$ = useMemo(
    () =>
      toPercents(
        service.volume$.pipe(
          filter((sample) => callSid === undefined || sample.callSid === callSid),
          map((sample) => sample[channel]),
        ),
      ),
    [service, callSid, channel],
  );
  return <LevelMeter label={label} percent={useObservable(percent$, 0)} />;
}

/** The selected microphone's level, whether or not a call is connected. */
export function MicrophoneLevelMeter({ label }: { label: string }): JSX.Element {
  const service = useSoftphoneService();
  const percent$ = useMemo(() => toPercents(service.micLevel$), [service]);
  return <LevelMeter label={label} percent={useObservable(percent$, 0)} />;
}

// Fixed styles, serialised once per theme (SxBox): a meter renders at every level change.
const ROW = sxClass({ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 });
const TRACK = sxClass({
  flex: 1,
  height: 8,
  borderRadius: 4,
  bgcolor: 'action.hover',
  overflow: 'hidden',
  border: 1,
  borderColor: 'divider',
});
const BAR = sxClass({
  height: '100%',
  bgcolor: 'success.dark',
  transformOrigin: 'left center',
  transition: 'transform 50ms linear',
});

function LevelMeter({ label, percent }: { label: string; percent: number }): JSX.Element {
  const labelId = useId();

  return (
    <SxBox styles={ROW}>
      <Typography id={labelId} variant="caption" sx={{ flex: '0 0 auto', minWidth: '7.5em' }}>
        {label}
      </Typography>
      <SxBox
        role="meter"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
        styles={TRACK}
      >
        {/* Inline style, not sx: a new emotion class per level would pile up styles at 20 Hz. */}
        <SxBox styles={BAR} style={{ transform: `scaleX(${percent / 100})` }} />
      </SxBox>
    </SxBox>
  );
}
