/**
 * What a workflow run should scan, decided from the event alone (GITHUB_EVENT_NAME and the payload
 * at GITHUB_EVENT_PATH): no REST calls, so no token, no rate limit, and forks work.
 */

export type Mode = 'auto' | 'diff' | 'full' | 'history';

export type Plan =
  | { kind: 'range'; base: string; head: string; why: string }
  /** A new branch or a force-push: what `head` adds over the default branch, else `head` alone. */
  | { kind: 'branch'; head: string; defaultBranch?: string; why: string }
  | { kind: 'full'; why: string }
  | { kind: 'history'; why: string };

interface Payload {
  pull_request?: { base?: { sha?: string }; head?: { sha?: string } };
  merge_group?: { base_sha?: string; head_sha?: string };
  before?: string;
  after?: string;
  forced?: boolean;
  repository?: { default_branch?: string };
}

const ZERO = /^0+$/;

export function planScan(mode: Mode, eventName: string, payload: Payload, override: { base?: string; head?: string }): Plan {
  if (mode === 'full') return { kind: 'full', why: 'mode: full' };
  if (mode === 'history') return { kind: 'history', why: 'mode: history' };
  const range = eventRange(eventName, payload);
  const base = override.base || range?.base;
  const head = override.head || range?.head;
  if (base && head) return { kind: 'range', base, head, why: override.base || override.head ? 'base/head inputs' : `${eventName} event` };
  if (eventName === 'push' && head) {
    return { kind: 'branch', head, defaultBranch: payload.repository?.default_branch, why: 'push of a new branch or a force-push' };
  }
  if (mode === 'diff') throw new Error(`mode: diff needs a pull_request, merge_group or push event, or the base and head inputs (event: ${eventName || 'none'})`);
  return { kind: 'full', why: `${eventName || 'unknown'} event` };
}

function eventRange(eventName: string, payload: Payload): { base?: string; head?: string } | undefined {
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target':
      return { base: payload.pull_request?.base?.sha, head: payload.pull_request?.head?.sha };
    case 'merge_group':
      return { base: payload.merge_group?.base_sha, head: payload.merge_group?.head_sha };
    case 'push': {
      const known = payload.before && !ZERO.test(payload.before) && !payload.forced;
      return { base: known ? payload.before : undefined, head: payload.after };
    }
    default:
      return undefined;
  }
}
