/**
 * Recent calls from the persisted history (shared by every tab of this person): who, when, how long or missed,
 * with Redial / Call back, the count of missed calls not yet seen, and Clear history.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useId, useState, type JSX } from 'react';
import type { HistoryEntry, SoftphoneState } from '../../contract/schema';
import { shallowEqual } from '../equality';
import { useAction } from '../hooks/useAction';
import { useMissedSeen } from '../hooks/useMissedSeen';
import { useObservable } from '../hooks/useObservable';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { useI18n } from '../i18n/I18nContext';
import type { Translator } from '../i18n/translator';
import { partyName } from '../format';
import { isLineBusy } from '../selectors';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';

const EMPTY: readonly HistoryEntry[] = [];

function outcome(entry: HistoryEntry, i18n: Translator): string {
  if (entry.missed) return i18n.t('recent.missed');
  if (entry.answeredAt === null)
    return i18n.t(entry.direction === 'incoming' ? 'recent.declined' : 'recent.notAnswered');
  return i18n.clock(entry.durationMs);
}

function RecentCall({ entry, canDial }: { entry: HistoryEntry; canDial: boolean }): JSX.Element {
  const service = useSoftphoneService();
  const i18n = useI18n();
  const { t } = i18n;
  const dial = useAction((to: string) => service.dial(to));
  const party = partyName(entry.peer, t);
  const verb = t(entry.direction === 'outgoing' ? 'recent.redial' : 'recent.callBack');
  const when = i18n.dateTime(entry.startedAt);
  return (
    <Box component="li" sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, py: 0.5 }}>
      <Box sx={{ mr: 'auto', minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
          {entry.direction === 'outgoing' ? '↗' : '↙'} {party}
        </Typography>
        <Typography variant="caption" color={entry.missed ? 'error' : 'text.secondary'}>
          {t(entry.direction === 'outgoing' ? 'recent.outgoing' : 'recent.incoming')} · {when} · {outcome(entry, i18n)}
        </Typography>
      </Box>
      <Button
        size="small"
        variant="outlined"
        aria-label={t('recent.action', { verb, name: party })}
        disabled={!canDial || entry.peer === null || dial.pending}
        onClick={() => void dial.run(entry.peer ?? '')}
      >
        {verb}
      </Button>
      <ActionError error={dial.error} />
    </Box>
  );
}

const CAN_DIAL: ReadonlySet<string> = new Set(['registered', 'unregistered', 'registering']);

function selectCanDial(state: SoftphoneState) {
  return { canDial: CAN_DIAL.has(state.device.state) && !isLineBusy(state) };
}

/** The unseen missed calls beside the title: white on the theme's error colour, the count in words. */
function MissedCount({ label }: { label: string }): JSX.Element {
  return (
    <Box
      component="span"
      sx={{ px: 1, py: '1px', borderRadius: '12px', bgcolor: 'error.main', color: 'error.contrastText', fontSize: 13 }}
    >
      {label}
    </Box>
  );
}

/**
 * A disclosure as MUI's Accordion draws it (an h3 holding a button with aria-expanded and aria-controls, a named
 * region below), built from a Button: the Accordion, its Collapse transition and Paper were ≈ 4 KB gz of the idle
 * screen (issue 18). Closed, the list is not rendered at all.
 */
export function RecentCalls(): JSX.Element {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const calls = useObservable(service.history$, EMPTY);
  const { canDial } = useSoftphone(selectCanDial, shallowEqual);
  const clear = useAction(() => service.clearHistory());
  const [unseen, markSeen] = useMissedSeen(service.instance, calls);
  const [expanded, setExpanded] = useState(false);
  const headingId = useId();
  const toggle = (): void => {
    setExpanded(!expanded);
    if (!expanded) markSeen();
  };
  return (
    <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Typography component="h3" variant="subtitle2" sx={{ m: 0 }}>
        <Button
          fullWidth
          color="inherit"
          aria-expanded={expanded}
          aria-controls={`${headingId}-region`}
          onClick={toggle}
          sx={{ justifyContent: 'flex-start', gap: 1, px: 2, py: 1.5, textTransform: 'none', font: 'inherit' }}
        >
          <span id={headingId}>{t('recent.title')}</span>
          {unseen > 0 && <MissedCount label={t('recent.missedCount', { count: unseen })} />}
          <Box component="span" aria-hidden sx={{ ml: 'auto', transform: expanded ? 'rotate(180deg)' : 'none' }}>
            ▾
          </Box>
        </Button>
      </Typography>
      {expanded && (
        <Box
          id={`${headingId}-region`}
          role="region"
          // Named per phone: two softphones side by side must not repeat a landmark's name.
          aria-label={t('recent.region', { name: service.instance })}
          sx={{ px: 2, pb: 2 }}
        >
          {calls.length === 0 ? (
            <Typography variant="body2">{t('recent.none')}</Typography>
          ) : (
            <Box component="ul" aria-labelledby={headingId} sx={{ listStyle: 'none', m: 0, p: 0 }}>
              {calls.map((entry) => (
                <RecentCall key={entry.id} entry={entry} canDial={canDial} />
              ))}
            </Box>
          )}
          {calls.length > 0 && (
            <Button size="small" onClick={() => void clear.run()} disabled={clear.pending}>
              {t('recent.clear')}
            </Button>
          )}
          <ActionError error={clear.error} />
        </Box>
      )}
    </Box>
  );
}
