import type { FileCheck, ProjectCheck } from './check.js';
import { clientSecretCall } from './client-secret-call.js';
import { envFileCommitted } from './env-file-committed.js';
import { envLocalNotIgnored } from './env-local-not-ignored.js';
import { liveKeyInTestEnv } from './live-key-in-test-env.js';
import { publicEnvSecret } from './public-env-secret.js';
import { webhookUnverified } from './webhook-unverified.js';

/** Checks run on every scanned file's text (working-tree files, staged blobs), after `appliesTo`. */
export const fileChecks: FileCheck[] = [envFileCommitted, publicEnvSecret, clientSecretCall, webhookUnverified, liveKeyInTestEnv];

/** Checks run once per scan, on the whole repository or folder. */
export const projectChecks: ProjectCheck[] = [envLocalNotIgnored];

export { PUBLIC_ENV_PREFIXES } from './names.js';
export type { Check, CheckHit, CheckMeta, FileCheck, FileCheckContext, ProjectCheck, ProjectContext, ProjectHit } from './check.js';
