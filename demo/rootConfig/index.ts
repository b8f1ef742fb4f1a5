/**
 * Root config of the demo shell (@switchboard/root-config): registers the two sibling applications and
 * mounts softphone parcels side by side, one per identity (see ./phones).
 */
import { mountRootParcel, registerApplication, start, type Parcel } from 'single-spa';
import { toLifecycles, type Lifecycles } from '../lifecycles';
import { importModule } from '../systemLoader';
import { chooseDisplay, choosePhones, type DisplayChoice } from './phones';

const SOFTPHONE_MODULE = '@switchboard/softphone';
const SIBLING_APPS = ['@switchboard/contacts', '@switchboard/call-log'] as const;

/** Props every softphone parcel gets from the shell; the server serves both URLs on the page's origin. */
export interface SoftphoneParcelProps {
  identity: string;
  tokenUrl: string;
  configUrl: string;
  locale?: string;
  theme?: { palette: { mode: 'light' | 'dark' } };
}

function loadApp(name: string): () => Promise<Lifecycles> {
  return () => importModule(name).then((mod) => toLifecycles(name, mod));
}

function mountSoftphone(identity: string, container: HTMLElement, display: DisplayChoice): Parcel {
  // A plain slot: the parcel renders its own region named "Softphone <identity>"; naming the slot too would put
  // two landmarks with the same name on the page.
  const element = document.createElement('div');
  element.className = 'phone';
  element.id = `softphone-${identity}`;
  container.append(element);

  // A distinct name per parcel: single-spa-react keeps one React root per name.
  const load = () =>
    importModule(SOFTPHONE_MODULE).then((mod) => ({
      ...toLifecycles<SoftphoneParcelProps>(SOFTPHONE_MODULE, mod),
      name: `softphone-${identity}`,
    }));
  const props: SoftphoneParcelProps = {
    identity,
    tokenUrl: '/token',
    configUrl: '/client-config',
    ...(display.locale ? { locale: display.locale } : {}),
    ...(display.theme === 'dark' ? { theme: { palette: { mode: 'dark' } } } : {}),
  };
  const parcel = mountRootParcel(load, { domElement: element, ...props });
  parcel.mountPromise.catch((error: unknown) =>
    showFailure(element, `The ${identity} softphone could not start`, error),
  );
  return parcel;
}

function showFailure(element: HTMLElement, what: string, error: unknown): void {
  const message = document.createElement('p');
  message.className = 'shell-error';
  message.setAttribute('role', 'alert');
  message.textContent = `${what}: ${error instanceof Error ? error.message : String(error)}`;
  element.append(message);
}

function phonesContainer(): HTMLElement {
  const existing = document.getElementById('phones');
  if (existing) return existing;
  const created = document.createElement('div');
  created.id = 'phones';
  document.body.append(created);
  return created;
}

const choice = choosePhones(window.location.search);
const display = chooseDisplay(window.location.search);
// The shell follows too: its own colours (styles.css) and the page language for screen readers.
if (display.theme === 'dark') document.documentElement.dataset.theme = 'dark';
if (display.locale) document.documentElement.lang = display.locale;
const container = phonesContainer();
if (choice.rejected !== undefined) {
  showFailure(
    container,
    'Ignored ?identity',
    new Error(`"${choice.rejected}" is not a valid identity (letters, digits and _ . @ + -, at most 121)`),
  );
}
for (const identity of choice.identities) mountSoftphone(identity, container, display);

for (const name of SIBLING_APPS) registerApplication({ name, app: loadApp(name), activeWhen: () => true });
start({ urlRerouteOnly: true });
