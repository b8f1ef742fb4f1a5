/**
 * A host project made from scratch: the packed tarball of this package and its peers, installed by npm into a fresh
 * directory outside the repository (so nothing resolves from the repo's own node_modules). The install runs
 * `npm ci --offline` against a lockfile cut from the root package-lock.json: the root `npm ci` has already put every
 * tarball in the npm cache, so no registry is needed and the versions are the ones the project tests with.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../support/dist';

interface LockEntry {
  version: string;
  resolved?: string;
  integrity?: string;
  license?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
  engines?: Record<string, string>;
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export function rootManifest(): Manifest {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
}

/** `npm pack` of the repository root into `dir`; returns the tarball's absolute path. */
export function packPackage(dir: string): string {
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], REPO_ROOT)) as {
    filename: string;
  }[];
  return path.join(dir, packed!.filename);
}

/** The registry tarball of `name@version` (the root lockfile omits `resolved`; npm ci --offline needs it). */
function tarballUrl(name: string, version: string): string {
  const registry = run('npm', ['config', 'get', 'registry'], REPO_ROOT).trim().replace(/\/?$/, '/');
  return `${registry}${name}/-/${name.split('/').pop()!}-${version}.tgz`;
}

const rootLock = (): Record<string, LockEntry> =>
  (
    JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockEntry>;
    }
  ).packages;

/** `names` and everything they need (dependencies and required peers), as hoisted root lockfile entries. */
export function lockClosure(names: string[]): Record<string, LockEntry> {
  const packages = rootLock();
  const closure: Record<string, LockEntry> = {};
  const pending = [...names];
  while (pending.length > 0) {
    const name = pending.pop()!;
    const key = `node_modules/${name}`;
    if (closure[key]) continue;
    const entry = packages[key];
    if (!entry?.integrity) throw new Error(`${name} is not a registry package in the root package-lock.json`);
    const { version, integrity, license, dependencies, peerDependencies, peerDependenciesMeta, engines } = entry;
    closure[key] = {
      version,
      resolved: tarballUrl(name, version),
      integrity,
      license,
      dependencies,
      peerDependencies,
      peerDependenciesMeta,
      engines,
    };
    const required = Object.keys(peerDependencies ?? {}).filter((peer) => !peerDependenciesMeta?.[peer]?.optional);
    pending.push(...Object.keys(dependencies ?? {}), ...required);
  }
  return closure;
}

function integrityOf(file: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/**
 * Installs the tarball plus `extra` registry packages (exact root versions) into `projectDir` with `npm ci --offline`.
 * The package's own dependencies and peers come in at the versions the root lockfile holds.
 */
export function installTarball(projectDir: string, tarball: string, extra: string[]): void {
  const manifest = rootManifest();
  const own = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];
  const closure = lockClosure([...own, ...extra]);
  const direct = [...Object.keys(manifest.peerDependencies ?? {}), ...extra];
  const dependencies: Record<string, string> = { [manifest.name]: `file:${path.basename(tarball)}` };
  for (const name of direct) dependencies[name] = closure[`node_modules/${name}`]!.version;
  writeFileSync(
    path.join(projectDir, 'package.json'),
    JSON.stringify({ name: 'host-app', version: '1.0.0', private: true, dependencies }, null, 2),
  );
  const lock = {
    name: 'host-app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'host-app', version: '1.0.0', dependencies },
      [`node_modules/${manifest.name}`]: {
        version: manifest.version,
        resolved: `file:${path.basename(tarball)}`,
        integrity: integrityOf(tarball),
        dependencies: manifest.dependencies,
        peerDependencies: manifest.peerDependencies,
      },
      ...closure,
    },
  };
  writeFileSync(path.join(projectDir, 'package-lock.json'), JSON.stringify(lock, null, 2));
  run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], projectDir);
}

/** Every package name in the installed tree (`npm ls --all`). */
export function installedPackageNames(projectDir: string): Set<string> {
  const names = new Set<string>();
  const walk = (deps: Record<string, { dependencies?: Record<string, unknown> }> | undefined): void => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      names.add(name);
      walk(node.dependencies as Record<string, { dependencies?: Record<string, unknown> }> | undefined);
    }
  };
  walk((JSON.parse(run('npm', ['ls', '--all', '--json'], projectDir)) as { dependencies?: never }).dependencies);
  return names;
}

/** The files in a tarball (paths without the `package/` prefix). */
export function tarballFiles(tarball: string): string[] {
  return run('tar', ['-tzf', tarball], path.dirname(tarball))
    .split('\n')
    .filter(Boolean)
    .map((file) => file.replace(/^package\//, ''));
}
