// Start every build from an empty dist/: chunk names carry content hashes, and types of removed modules must not linger.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
