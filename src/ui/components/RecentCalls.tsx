/**
 * Recent calls from the persisted history (shared by every tab of this person): who, when, how long or missed,
 * with Redial / Call back, the count of missed calls not yet seen, and Clear history.
 */
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useId, type JSX } from 'react';
import type { HistoryEntry, SoftphoneState } from '../../contract/schema';
import { shallowEqual } from '../equality';
import { useAction } from '../hooks/useAction';
import { useMissedSeen } from '../hooks/useMissedSeen';
import { useObservable } from '../hooks/useObservable';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { isLineBusy } from '../selectors';
import { useSoftphoneService } from '../ServiceContext';
import { formatDuration, partyName } from '../text';
import { ActionError } from './ActionError';

const EMPTY: readonly HistoryEntry[] = [];

function outcome(entry: HistoryEntry): string {
  if (entry.missed) return 'Missed';
  if (entry.answeredAt === null) return entry.direction === 'incoming' ? 'Declined' : 'Not answered';
  return formatDuration(entry.durationMs);
}

function RecentCall({ entry, canDial }: { entry: HistoryEntry; canDial: boolean }): JSX.Element {
  const service = useSoftphoneService();
  const dial = useAction((to: string) => service.dial(to));
  const party = partyName(entry.peer);
  const verb = entry.direction === 'outgoing' ? 'Redial' : 'Call back';
  const when = new Date(entry.startedAt).toLocaleString();
  return (
    <Box component="li" sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, py: 0.5 }}>
      <Box sx={{ mr: 'auto', minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
          {entry.direction === 'outgoing' ? '↗' : '↙'} {party}
        </Typography>
        <Typography variant="caption" color={entry.missed ? 'error' : 'text.secondary'}>
          {entry.direction} · {when} · {outcome(entry)}
        </Typography>
      </Box>
      <Button
        size="small"
        variant="outlined"
        aria-label={`${verb} ${party}`}
        disabled={!canDial || entry.peer === null || dial.pending}
        onClick={() => void dial.run(entry.peer ?? '')}
      >
        {verb}
      </Button>
      <ActionError error={dial.error} />
    </Box>
  );
}

function selectCanDial(state: SoftphoneState) {
  return { canDial: state.device.state === 'registered' && !isLineBusy(state) };
}

export function RecentCalls(): JSX.Element {
  const service = useSoftphoneService();
  const calls = useObservable(service.history$, EMPTY);
  const { canDial } = useSoftphone(selectCanDial, shallowEqual);
  const clear = useAction(() => service.clearHistory());
  const [unseen, markSeen] = useMissedSeen(service.instance, calls);
  const headingId = useId();
  return (
    <Accordion
      disableGutters
      variant="outlined"
      onChange={(_event, expanded) => expanded && markSeen()}
      // Named per phone: two softphones side by side must not repeat a landmark's name.
      slotProps={{ region: { 'aria-label': `Recent calls of ${service.instance}` } }}
    >
      {/* The Accordion wraps the summary in an h3 of its own. */}
      <AccordionSummary aria-controls={`${headingId}-region`}>
        <Typography id={headingId} component="span" variant="subtitle2" sx={{ mr: 1 }}>
          Recent calls
        </Typography>
        {unseen > 0 && <Chip size="small" color="error" label={`${unseen} missed`} />}
      </AccordionSummary>
      <AccordionDetails>
        {calls.length === 0 ? (
          <Typography variant="body2">No calls yet.</Typography>
        ) : (
          <Box component="ul" aria-labelledby={headingId} sx={{ listStyle: 'none', m: 0, p: 0 }}>
            {calls.map((entry) => (
              <RecentCall key={entry.id} entry={entry} canDial={canDial} />
            ))}
          </Box>
        )}
        {calls.length > 0 && (
          <Button size="small" onClick={() => void clear.run()} disabled={clear.pending}>
            Clear history
          </Button>
        )}
        <ActionError error={clear.error} />
      </AccordionDetails>
    </Accordion>
  );
}
