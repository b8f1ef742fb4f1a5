/**
 * @switchboard/contacts — a single-spa application that dials through the softphone bus with DOM
 * events only, to prove that a sibling needs nothing from us but the documented contract.
 */
import { connectToBus, watchCalls, watchSoftphones } from './bus';
import { CONTACTS } from './directory';
import { createContactsView } from './view';

interface AppProps {
  name: string;
}

let teardown: (() => void) | undefined;

/** single-spa's convention: an application renders into `#single-spa-application:<name>`. */
function containerFor(name: string): HTMLElement {
  const id = `single-spa-application:${name}`;
  const existing = document.getElementById(id);
  if (existing) return existing;
  const created = document.createElement('div');
  created.id = id;
  document.body.append(created);
  return created;
}

export function bootstrap(): Promise<void> {
  return Promise.resolve();
}

export function mount(props: AppProps): Promise<void> {
  const bus = connectToBus(window);
  let mounted = true;
  const view = createContactsView(CONTACTS, {
    onCommand(command, target) {
      void bus.send(command, target).then((outcome) => {
        if (mounted) view.showOutcome(command, target, outcome);
      });
    },
  });
  containerFor(props.name).append(view.root);
  const stopWatchingCalls = watchCalls(window, (identity, inCall) => view.setInCall(identity, inCall));
  const stopWatching = watchSoftphones(window, (identities) => view.setSoftphones(identities));
  teardown = () => {
    mounted = false;
    stopWatching();
    stopWatchingCalls();
    bus.close();
    view.root.remove();
  };
  return Promise.resolve();
}

export function unmount(): Promise<void> {
  teardown?.();
  teardown = undefined;
  return Promise.resolve();
}
