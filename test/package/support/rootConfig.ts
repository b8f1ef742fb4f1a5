/**
 * A shell in the style create-single-spa generates: an import map for SystemJS, the shared dependencies served by
 * the shell itself (the SystemJS builds of React and RxJS the package ships in dist/shared/, single-spa's own
 * SystemJS build), and the softphone module from the softphone server's origin. The root config mounts one
 * softphone parcel without any URL prop: its endpoints must resolve against the module's origin, not this page.
 */
import path from 'node:path';
import { REPO_ROOT } from '../../support/dist';

/**
 * The shell's files, for startStaticHost: `installDir` is the host project the package was installed into.
 * `extraProps`: page script source of an object expression spread into the parcel's props (e.g. the host's own
 * `tokenRequest` or `getToken`).
 */
export function rootConfigFiles(
  installDir: string,
  softphoneOrigin: string,
  extraProps = '{}',
): Record<string, string | { file: string }> {
  const pkg = path.join(installDir, 'node_modules/@switchboard/softphone/dist/shared');
  const shared = ['react', 'react-dom', 'react-dom-client', 'rxjs', 'rxjs-operators'];
  const importMap = {
    imports: {
      react: '/shared/react.js',
      'react-dom': '/shared/react-dom.js',
      'react-dom/client': '/shared/react-dom-client.js',
      rxjs: '/shared/rxjs.js',
      'rxjs/operators': '/shared/rxjs-operators.js',
      'single-spa': '/shared/single-spa.min.js',
      '@switchboard/softphone': `${softphoneOrigin}/switchboard-softphone.js`,
    },
  };
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Root config</title>
<script type="systemjs-importmap">${JSON.stringify(importMap)}</script>
<script src="/system.min.js"></script></head>
<body><div id="phone"></div>
<script>
  window.rootConfig = (async () => {
    const singleSpa = await System.import('single-spa');
    const softphone = await System.import('@switchboard/softphone');
    singleSpa.start();
    const parcel = singleSpa.mountRootParcel(softphone, { domElement: document.getElementById('phone'), identity: 'alice', ...(${extraProps}) });
    await parcel.mountPromise;
    window.softphoneClient = softphone.createSoftphoneClient({ target: 'alice' });
    window.softphoneClient.state$.subscribe((state) => { window.latestState = state; });
    return 'mounted';
  })().catch((error) => 'failed: ' + error.message);
</script></body></html>`;
  return {
    '/': page,
    '/system.min.js': { file: path.join(REPO_ROOT, 'node_modules/systemjs/dist/system.min.js') },
    '/shared/single-spa.min.js': {
      file: path.join(installDir, 'node_modules/single-spa/lib/es2015/system/single-spa.min.js'),
    },
    ...Object.fromEntries(shared.map((name) => [`/shared/${name}.js`, { file: path.join(pkg, `${name}.js`) }])),
  };
}
