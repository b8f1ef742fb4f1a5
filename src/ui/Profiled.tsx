/**
 * Optional render diagnostics: when `SoftphoneApp` gets `onRender`, each UI section is wrapped in a React
 * `<Profiler>` with a stable id (see `SectionId`), so a host can see what re-renders and how often.
 * Without `onRender` no Profiler is added. Sections are siblings, never nested, so a count for one
 * section never includes another's renders.
 */
import { createContext, Profiler, useContext, type JSX, type ProfilerOnRenderCallback, type ReactNode } from 'react';

export type SectionId =
  | 'header'
  | 'audio-settings'
  | 'mic-meter'
  | 'dial-pad'
  | 'incoming-call'
  | 'call-body'
  | 'call-timer'
  | 'call-input-meter'
  | 'call-output-meter'
  | 'feedback'
  | 'errors'
  | 'announcer';

const ProfilerContext = createContext<ProfilerOnRenderCallback | undefined>(undefined);

export const ProfilerProvider = ProfilerContext.Provider;

export function Profiled(props: { id: SectionId; children: ReactNode }): JSX.Element {
  const onRender = useContext(ProfilerContext);
  if (!onRender) return <>{props.children}</>;
  return (
    <Profiler id={props.id} onRender={onRender}>
      {props.children}
    </Profiler>
  );
}
