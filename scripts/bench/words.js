// Vocabulary for generated source: the nouns and verbs of a typical SaaS web app.
// (Nothing here may look like a provider name the rules key on: the engine reads context.)

export const NOUNS = [
  'account', 'activity', 'address', 'alert', 'analytics', 'answer', 'app', 'article', 'asset', 'attachment',
  'audit', 'avatar', 'badge', 'balance', 'banner', 'billing', 'block', 'board', 'booking', 'bucket', 'budget',
  'button', 'cache', 'calendar', 'campaign', 'card', 'cart', 'category', 'channel', 'chart', 'checkout', 'city',
  'client', 'column', 'comment', 'company', 'config', 'contact', 'content', 'context', 'country', 'coupon',
  'course', 'credit', 'currency', 'customer', 'dashboard', 'date', 'deal', 'delivery', 'deployment', 'device',
  'dialog', 'discount', 'document', 'domain', 'draft', 'editor', 'email', 'entry', 'error', 'event', 'export',
  'feature', 'feed', 'field', 'file', 'filter', 'flag', 'folder', 'form', 'group', 'header', 'history', 'host',
  'icon', 'image', 'import', 'inbox', 'input', 'invite', 'invoice', 'issue', 'item', 'job', 'label', 'layout',
  'lead', 'level', 'limit', 'link', 'list', 'locale', 'location', 'log', 'member', 'menu', 'message', 'metric',
  'modal', 'module', 'note', 'notice', 'offer', 'option', 'order', 'owner', 'page', 'panel', 'payment', 'payout',
  'period', 'permission', 'plan', 'post', 'preference', 'price', 'product', 'profile', 'project', 'query',
  'queue', 'quota', 'rate', 'receipt', 'record', 'refund', 'region', 'release', 'reminder', 'report', 'request',
  'resource', 'response', 'result', 'review', 'role', 'route', 'row', 'rule', 'schedule', 'schema', 'score',
  'search', 'section', 'segment', 'seller', 'session', 'setting', 'share', 'shipment', 'sidebar', 'signal',
  'site', 'slot', 'snapshot', 'source', 'space', 'stage', 'state', 'status', 'step', 'store', 'stream', 'style',
  'subscription', 'summary', 'supplier', 'survey', 'tab', 'table', 'tag', 'task', 'tax', 'team', 'template',
  'tenant', 'theme', 'thread', 'ticket', 'timeline', 'timer', 'toast', 'tooltip', 'topic', 'total', 'tracker',
  'transfer', 'trial', 'upload', 'usage', 'user', 'value', 'vendor', 'version', 'video', 'view', 'visit',
  'wallet', 'webhook', 'widget', 'window', 'workflow', 'workspace', 'zone',
];

export const VERBS = [
  'add', 'apply', 'archive', 'assign', 'build', 'calculate', 'cancel', 'check', 'clear', 'close', 'compute',
  'confirm', 'copy', 'create', 'decode', 'delete', 'detect', 'disable', 'dispatch', 'download', 'edit', 'emit',
  'enable', 'encode', 'ensure', 'export', 'extract', 'fetch', 'filter', 'find', 'format', 'get', 'handle',
  'hide', 'import', 'init', 'insert', 'invite', 'load', 'lookup', 'map', 'mark', 'merge', 'move', 'normalize',
  'notify', 'open', 'parse', 'patch', 'pause', 'prepare', 'process', 'publish', 'push', 'read', 'refresh',
  'register', 'reload', 'remove', 'render', 'reset', 'resolve', 'restore', 'resume', 'retry', 'save', 'schedule',
  'select', 'send', 'serialize', 'set', 'show', 'sort', 'split', 'start', 'stop', 'submit', 'sync', 'toggle',
  'track', 'transform', 'update', 'upload', 'upsert', 'use', 'validate', 'verify', 'watch', 'write',
];

export const ADJECTIVES = [
  'active', 'annual', 'archived', 'async', 'base', 'basic', 'bulk', 'cached', 'current', 'custom', 'daily',
  'default', 'deleted', 'draft', 'empty', 'enabled', 'external', 'failed', 'final', 'global', 'hidden',
  'initial', 'inline', 'internal', 'last', 'latest', 'legacy', 'local', 'main', 'manual', 'max', 'min',
  'monthly', 'new', 'next', 'old', 'open', 'optional', 'paid', 'partial', 'pending', 'primary', 'private',
  'public', 'raw', 'recent', 'remote', 'required', 'safe', 'secondary', 'selected', 'shared', 'simple',
  'single', 'sorted', 'stale', 'static', 'total', 'unique', 'unread', 'valid', 'visible', 'weekly',
];

export const PROSE = [
  'the', 'a', 'this', 'that', 'when', 'each', 'every', 'it', 'we', 'you', 'can', 'will', 'should', 'must',
  'is', 'are', 'be', 'with', 'from', 'into', 'for', 'on', 'in', 'of', 'to', 'and', 'or', 'not', 'only',
  'after', 'before', 'then', 'once', 'again', 'also', 'here', 'there', 'which', 'your', 'our', 'their',
];

export const TAILWIND = [
  'flex', 'inline-flex', 'grid', 'hidden', 'block', 'items-center', 'justify-between', 'justify-center', 'gap-2',
  'gap-4', 'p-2', 'p-4', 'px-3', 'px-4', 'py-2', 'py-1.5', 'mt-2', 'mb-4', 'rounded-md', 'rounded-lg',
  'rounded-full', 'border', 'border-gray-200', 'bg-white', 'bg-gray-50', 'bg-indigo-600', 'text-white',
  'text-sm', 'text-xs', 'text-lg', 'font-medium', 'font-semibold', 'text-gray-500', 'text-gray-900',
  'hover:bg-gray-100', 'hover:bg-indigo-500', 'focus:outline-none', 'focus-visible:ring-2', 'shadow-sm',
  'w-full', 'h-4', 'w-4', 'h-8', 'max-w-7xl', 'mx-auto', 'space-y-4', 'divide-y', 'truncate', 'sm:flex',
  'md:grid-cols-2', 'lg:grid-cols-3', 'dark:bg-gray-900', 'dark:text-gray-100', 'transition', 'duration-150',
];

export const PACKAGES = [
  'react', 'react-dom', 'next', 'zod', 'clsx', 'date-fns', 'lodash', 'axios', 'swr', 'zustand', 'immer',
  'tailwind-merge', 'lucide-react', 'framer-motion', 'dayjs', 'uuid', 'nanoid', 'express', 'cors', 'pino',
  'dotenv', 'drizzle-orm', 'prisma', 'superjson', 'ky', 'yup', 'formik', 'react-hook-form', 'recharts',
  'chart.js', 'marked', 'sharp', 'ws', 'ioredis', 'bullmq', 'jsonwebtoken', 'bcryptjs', 'cookie', 'qs',
  'semver', 'chalk', 'commander', 'debug', 'ms', 'mime', 'glob', 'minimatch', 'rimraf', 'esbuild', 'vite',
  'vitest', 'typescript', 'eslint', 'prettier', 'postcss', 'autoprefixer', 'tailwindcss', 'sass', 'webpack',
  'rollup', 'babel-loader', 'ts-node', 'tsx', 'concurrently', 'cross-env', 'husky', 'lint-staged',
];
