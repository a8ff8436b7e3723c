import type { ProjectCheck, ProjectContext, ProjectHit } from './check.js';
import { basename, dirname, inNodeModules, isEnvFile, isEnvLocal, joinPath } from './paths.js';

/**
 * The ignore rules do not cover `.env*.local`, where Next.js, Vite, CRA and dotenv-flow tell
 * developers to put their real keys: the next `git add .` commits them.
 *
 * Which folders are judged: every JS web app (a package.json depending on Next.js, Vite, Expo,
 * CRA, Nuxt, SvelteKit, Astro, Gatsby or Remix, or one of their config files), every folder that
 * holds a `.env*.local`, and every folder with an env file inside a JS project (a package.json
 * there or above). A project that is none of these (say a Go service with no env files) is not
 * judged. For each folder, Git (`context.ignored`) is asked about `.env.local`,
 * `.env.development.local`, `.env.test.local`, `.env.production.local` and every `.env*.local`
 * actually present: an ignore file listing only `.env.local` leaves the other three uncovered, and
 * `!.env.local` re-includes it.
 *
 * The hit points at the nearest `.gitignore` (at the negation or the partial `.env` line when
 * there is one), or at a `.gitignore` that does not exist yet (offset 0).
 */

const STANDARD = ['.env.local', '.env.development.local', '.env.test.local', '.env.production.local'];
const WEB_DEPS = /^(?:next|vite|expo|react-scripts|nuxt|@sveltejs\/kit|astro|gatsby|@remix-run\/.+|@react-router\/dev|@vitejs\/.+)$/;
const WEB_CONFIG = /^(?:next|vite|nuxt|svelte|astro|remix)\.config\.[cm]?[jt]s$|^gatsby-config\.[cm]?[jt]s$|^app\.config\.[cm]?[jt]s$/;
const LINE = '.env*.local';

export const envLocalNotIgnored: ProjectCheck = {
  kind: 'project',
  id: 'env-local-not-ignored',
  provider: 'Git',
  title: '.env*.local is not ignored by Git',
  severity: 'high',
  fix: `add \`${LINE}\` to .gitignore (create-next-app's default), so that local env files with real keys are never committed`,
  async run(context) {
    const files = context.files.filter((f) => !inNodeModules(f));
    const folders = await judgedFolders(context, files);
    if (folders.size === 0) return [];

    const candidates = new Set<string>();
    for (const folder of folders) for (const name of STANDARD) candidates.add(joinPath(folder, name));
    for (const file of files) if (isEnvLocal(file)) candidates.add(file);
    const ignored = await context.ignored([...candidates]);
    const uncovered = [...candidates].filter((path) => !ignored.has(path));
    if (uncovered.length === 0) return [];

    // One hit per ignore file: the nearest .gitignore above each uncovered path (or the root one).
    const byIgnoreFile = new Map<string, string[]>();
    for (const path of uncovered) {
      const file = await nearestGitignore(context, dirname(path));
      byIgnoreFile.set(file, [...(byIgnoreFile.get(file) ?? []), path]);
    }
    const hits: ProjectHit[] = [];
    for (const [file, paths] of byIgnoreFile) hits.push(await hitFor(context, file, paths));
    return hits;
  },
};

async function judgedFolders(context: ProjectContext, files: readonly string[]): Promise<Set<string>> {
  const folders = new Set<string>();
  const packageDirs = new Set<string>();
  for (const file of files) {
    const name = basename(file);
    if (name === 'package.json') {
      packageDirs.add(dirname(file));
      if (await isWebAppPackage(context, file)) folders.add(dirname(file));
    } else if (WEB_CONFIG.test(name) || (name === 'app.json' && (await context.readText(file))?.includes('"expo"'))) {
      folders.add(dirname(file));
    }
  }
  for (const file of files) {
    if (!isEnvFile(file)) continue;
    const dir = dirname(file);
    if (isEnvLocal(file) || insideJsProject(dir, packageDirs)) folders.add(dir);
  }
  return folders;
}

async function isWebAppPackage(context: ProjectContext, file: string): Promise<boolean> {
  const text = await context.readText(file);
  if (!text) return false;
  try {
    const pkg = JSON.parse(text) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'peerDependencies'].some((field) => {
      const deps = pkg[field];
      return typeof deps === 'object' && deps !== null && Object.keys(deps).some((dep) => WEB_DEPS.test(dep));
    });
  } catch {
    return false;
  }
}

function insideJsProject(dir: string, packageDirs: ReadonlySet<string>): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if (packageDirs.has(d)) return true;
    if (d === '') return false;
  }
}

async function nearestGitignore(context: ProjectContext, dir: string): Promise<string> {
  for (let d = dir; ; d = dirname(d)) {
    const file = joinPath(d, '.gitignore');
    if ((await context.readText(file)) !== undefined) return file;
    if (d === '') return '.gitignore';
  }
}

async function hitFor(context: ProjectContext, file: string, paths: readonly string[]): Promise<ProjectHit> {
  const text = await context.readText(file);
  const listed = paths.map((p) => `\`${p}\``);
  const shown = listed.length > 4 ? `${listed.slice(0, 4).join(', ')} and ${listed.length - 4} more` : listed.join(', ');
  if (text === undefined) {
    return {
      file,
      start: 0,
      end: 0,
      key: file,
      message: `there is no ${file}: ${shown} would be committed with the next \`git add .\``,
      fix: `create ${file} with the line \`${LINE}\` (and node_modules, .next, dist …)`,
    };
  }
  const lines = linesOf(text);
  const rules = lines.filter((l) => !l.text.trim().startsWith('#') && l.text.includes('.env'));
  const negation = rules.find((l) => l.text.trim().startsWith('!'));
  if (negation) {
    return {
      file,
      start: negation.start,
      end: negation.end,
      key: file,
      message: `\`${negation.text.trim()}\` in ${file} re-includes local env files: ${shown} ${paths.length === 1 ? 'is' : 'are'} not ignored`,
      fix: `delete the line \`${negation.text.trim()}\` from ${file} and make sure it lists \`${LINE}\``,
    };
  }
  const partial = rules[0];
  return {
    file,
    start: partial?.start ?? 0,
    end: partial?.end ?? 0,
    key: file,
    message: `${file} does not cover ${shown}: local env files with real keys would be committed`,
    fix: `add the line \`${LINE}\` to ${file}`,
  };
}

function linesOf(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    out.push({ text: line, start, end: start + line.length });
    start += raw.length + 1;
  }
  return out;
}
