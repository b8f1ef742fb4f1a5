/**
 * A level meter fed by `service.volume$`. It is the only kind of component that subscribes to that
 * ~20 Hz stream, so volume samples re-render meters and nothing else.
 */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useId, useMemo, type JSX } from 'react';
import { distinctUntilChanged, filter, map } from 'rxjs';
import { useObservable } from '../hooks/useObservable';
import { useSoftphoneService } from '../ServiceContext';

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

export function VolumeMeter({ label, channel, callSid }: VolumeMeterProps): JSX.Element {
  const service = useSoftphoneService();
  const percent$ = useMemo(
    () =>
      service.volume$.pipe(
        filter((sample) => callSid === undefined || sample.callSid === callSid),
        map((sample) => toPercent(sample[channel])),
        distinctUntilChanged(),
      ),
    [service, callSid, channel],
  );
  const percent = useObservable(percent$, 0);
  const labelId = useId();

  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
      <Typography id={labelId} variant="caption" sx={{ flex: '0 0 auto', minWidth: '7.5em' }}>
        {label}
      </Typography>
      <Box
        role="meter"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
        sx={{ flex: 1, height: 8, borderRadius: 4, bgcolor: 'action.hover', overflow: 'hidden', border: 1, borderColor: 'divider' }}
      >
        {/* Inline style, not sx: a new emotion class per level would pile up styles at 20 Hz. */}
        <Box
          sx={{ height: '100%', bgcolor: 'success.dark', transformOrigin: 'left center', transition: 'transform 50ms linear' }}
          style={{ transform: `scaleX(${percent / 100})` }}
        />
      </Box>
    </Box>
  );
}
