/**
 * The softphone's screens: idle (dial box, pad, recent calls, the last call's summary), ringing (the incoming card
 * over idle, or beside the call as call waiting), in call (the call cards; no dial pad), and settings. One column
 * when compact or in any slot narrower than 640 px (a container query: the slot, not the viewport, decides).
 */
import { useRef, type JSX } from 'react';
import type { SoftphoneState } from '../contract/schema';
import { ActionError } from './components/ActionError';
import { AudioSettings } from './components/AudioSettings';
import { CallList } from './components/CallList';
import { DialPad } from './components/DialPad';
import { ErrorDisplay } from './components/ErrorDisplay';
import { Header } from './components/Header';
import { CallScreensPrefetch, LastCallSummary } from './components/LazyCallScreens';
import { RecentCalls } from './components/RecentCalls';
import { SxBox, sxClass } from './components/SxBox';
import { SavedDeviceNote } from './components/SavedDeviceNote';
import { StatusAnnouncer } from './components/StatusAnnouncer';
import { TabNotice } from './components/TabNotice';
import { useSoftphone } from './hooks/useSoftphoneSelector';
import { useI18n } from './i18n/I18nContext';
import { Profiled } from './Profiled';
import { isLineBusy } from './selectors';
import { ShortcutHelp } from './shortcuts/ShortcutHelp';
import { useShortcuts } from './shortcuts/useShortcuts';

function selectIdle(state: SoftphoneState): boolean {
  return !isLineBusy(state);
}

/** Idle-screen parts render nothing during a call (their sections stay mounted, so profiling ids are stable). */
function IdleOnly({ children }: { children: JSX.Element }): JSX.Element | null {
  return useSoftphone(selectIdle) ? children : null;
}

// Fixed styles, serialised once per theme (SxBox).
const ROOT = sxClass({
  containerType: 'inline-size',
  position: 'relative',
  minWidth: 0,
  maxWidth: '100%',
  overflowWrap: 'anywhere',
  p: 1.5,
  display: 'flex',
  flexDirection: 'column',
  gap: 1.5,
});
const ONE_COLUMN = { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 1.5 } as const;
const COLUMNS = {
  compact: sxClass(ONE_COLUMN),
  // One column in any slot narrower than 640 px.
  wide: sxClass({
    ...ONE_COLUMN,
    '@container (min-width: 640px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)' },
  }),
};
const MAIN_COLUMN = sxClass({ display: 'flex', flexDirection: 'column', gap: 1.5, minWidth: 0 });
const SIDE_COLUMN = sxClass({ minWidth: 0, display: 'flex', flexDirection: 'column', gap: 1.5 });

export function SoftphoneLayout(props: { instance: string; compact: boolean }): JSX.Element {
  const { t } = useI18n();
  const root = useRef<HTMLElement>(null);
  const shortcutFailure = useShortcuts(root);
  return (
    <SxBox
      ref={root}
      component="section"
      data-softphone=""
      aria-label={t('app.region', { name: props.instance })}
      styles={ROOT}
    >
      <CallScreensPrefetch />
      <Profiled id="announcer">
        <StatusAnnouncer />
      </Profiled>
      <Profiled id="header">
        <Header />
      </Profiled>
      <TabNotice />
      <Profiled id="errors">
        <ErrorDisplay />
      </Profiled>
      <ActionError error={shortcutFailure} />
      <SxBox styles={props.compact ? COLUMNS.compact : COLUMNS.wide}>
        <SxBox styles={MAIN_COLUMN}>
          <CallList />
          <Profiled id="feedback">
            <IdleOnly>
              <LastCallSummary />
            </IdleOnly>
          </Profiled>
          <Profiled id="dial-pad">
            <IdleOnly>
              <DialPad />
            </IdleOnly>
          </Profiled>
          <IdleOnly>
            <RecentCalls />
          </IdleOnly>
        </SxBox>
        <SxBox styles={SIDE_COLUMN}>
          <SavedDeviceNote />
          <AudioSettings defaultExpanded={!props.compact} />
          <ShortcutHelp />
        </SxBox>
      </SxBox>
    </SxBox>
  );
}
