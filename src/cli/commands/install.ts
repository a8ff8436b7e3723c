import type { Argv } from 'yargs';

export const install = {
  command: 'install',
  describe: 'Install the pre-commit hook (Husky when the project uses it, else the Git hooks folder)',
  builder: (yargs: Argv) => yargs,
  async handler(): Promise<number> {
    const { installHook } = await import('../../hooks/install.js');
    const change = await installHook(process.cwd(), process.argv[1]);
    const verb = { created: 'created', updated: 'added secretguard to', unchanged: 'already set up:' }[change.action as 'created'];
    process.stdout.write(`secretguard: ${verb} ${change.file}${change.husky ? ' (Husky)' : ''}\n`);
    if (change.huskyInactive) {
      process.stdout.write('secretguard: Husky is not active in this clone yet, so the hook went into Git\'s own hooks folder; after npm install has run Husky, run secretguard install again to add it to .husky/pre-commit for the whole team\n');
    }
    return 0;
  },
};

export const uninstall = {
  command: 'uninstall',
  describe: 'Remove secretguard from the pre-commit hook (and nothing else)',
  builder: (yargs: Argv) => yargs,
  async handler(): Promise<number> {
    const { uninstallHook } = await import('../../hooks/install.js');
    const change = await uninstallHook(process.cwd());
    const text = change.action === 'removed' ? `removed secretguard from ${change.file}` : `no secretguard hook in ${change.file}`;
    process.stdout.write(`secretguard: ${text}\n`);
    return 0;
  },
};
