import { createContext, useContext, type JSX, type ReactNode } from 'react';
import type { SoftphoneService } from '../contract/service';

const ServiceContext = createContext<SoftphoneService | null>(null);

export function ServiceProvider(props: { service: SoftphoneService; children: ReactNode }): JSX.Element {
  return <ServiceContext.Provider value={props.service}>{props.children}</ServiceContext.Provider>;
}

/** The service of the enclosing softphone; a component outside one is a programming error. */
export function useSoftphoneService(): SoftphoneService {
  const service = useContext(ServiceContext);
  if (!service) throw new Error('useSoftphoneService must be used inside <SoftphoneApp> (or <ServiceProvider>).');
  return service;
}
