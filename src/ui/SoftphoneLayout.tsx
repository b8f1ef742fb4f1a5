/**
 * The softphone's sections in one column (compact, or any slot narrower than 640 px: a CSS container
 * query, since the parcel's slot, not the viewport, decides the room it has) or in two columns.
 */
import Box from '@mui/material/Box';
import type { JSX } from 'react';
import { AudioSettings } from './components/AudioSettings';
import { CallList } from './components/CallList';
import { DialPad } from './components/DialPad';
import { ErrorDisplay } from './components/ErrorDisplay';
import { FeedbackPrompt } from './components/FeedbackPrompt';
import { Header } from './components/Header';
import { RecentCalls } from './components/RecentCalls';
import { SavedDeviceNote } from './components/SavedDeviceNote';
import { StatusAnnouncer } from './components/StatusAnnouncer';
import { TabNotice } from './components/TabNotice';
import { Profiled } from './Profiled';

export function SoftphoneLayout(props: { instance: string; compact: boolean }): JSX.Element {
  const twoColumns = props.compact
    ? {}
    : { '@container (min-width: 640px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)' } };
  return (
    <Box
      component="section"
      aria-label={`Softphone ${props.instance}`}
      sx={{
        containerType: 'inline-size',
        position: 'relative',
        minWidth: 0,
        p: 1.5,
        display: 'flex',
        flexDirection: 'column',
        gap: 1.5,
      }}
    >
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
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 1.5, ...twoColumns }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, minWidth: 0 }}>
          <CallList />
          <Profiled id="feedback">
            <FeedbackPrompt />
          </Profiled>
          <Profiled id="dial-pad">
            <DialPad />
          </Profiled>
          <RecentCalls />
        </Box>
        <Box sx={{ minWidth: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
          <SavedDeviceNote />
          <AudioSettings defaultExpanded={!props.compact} />
        </Box>
      </Box>
    </Box>
  );
}
