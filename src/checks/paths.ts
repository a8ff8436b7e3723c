/** Path conventions the checks share. Every path is POSIX, relative to the scan root. */

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** `dir/name`, or `name` at the root (dir ''). */
export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

export function segments(path: string): string[] {
  return path.split('/');
}

/** Dependencies are never the project's own files. */
export function inNodeModules(path: string): boolean {
  return path === 'node_modules' || path.startsWith('node_modules/') || path.includes('/node_modules/');
}

/** `.env`, `.env.local`, `.env.production`, `.env.example` … (the dotenv family, by file name). */
export function isEnvFile(path: string): boolean {
  return /^\.env(?:\.[\w.-]+)?$/.test(basename(path));
}

const TEMPLATE_PARTS = new Set(['example', 'sample', 'template', 'dist', 'defaults', 'schema']);

/** `.env.example`, `.env.sample`, `.env.template`, `.env.local.example` …: committed on purpose, placeholders only. */
export function isEnvTemplate(path: string): boolean {
  if (!isEnvFile(path)) return false;
  return basename(path)
    .slice('.env'.length)
    .split('.')
    .some((part) => TEMPLATE_PARTS.has(part.toLowerCase()));
}

/** `.env.local`, `.env.development.local` …: machine-local by the Next.js/Vite/dotenv-flow convention. */
export function isEnvLocal(path: string): boolean {
  return isEnvFile(path) && !isEnvTemplate(path) && basename(path).endsWith('.local');
}

/** JavaScript and TypeScript sources Babel can parse (declaration files hold no code). */
export function isScriptPath(path: string): boolean {
  return /\.(?:[cm]?[jt]sx?)$/i.test(path) && !/\.d\.[cm]?ts$/i.test(path);
}
