import type { Rule } from './rule.js';
import { stripeRules } from './providers/stripe.js';
import { clerkRules } from './providers/clerk.js';
import { openaiRules } from './providers/openai.js';
import { anthropicRules } from './providers/anthropic.js';
import { resendRules } from './providers/resend.js';
import { twilioRules } from './providers/twilio.js';
import { githubRules } from './providers/github.js';
import { npmRules } from './providers/npm.js';
import { awsRules } from './providers/aws.js';
import { slackRules } from './providers/slack.js';
import { sendgridRules } from './providers/sendgrid.js';
import { googleRules } from './providers/google.js';
import { supabaseRules } from './providers/supabase.js';
import { vercelRules } from './providers/vercel.js';
import { privateKeyRules } from './providers/private-key.js';
import { databaseUrlRules } from './providers/database-url.js';

/** Every built-in rule, one provider file each. Order matters only for ties on the same characters. */
export const builtinRules: readonly Rule[] = [
  ...stripeRules,
  ...clerkRules,
  ...openaiRules,
  ...anthropicRules,
  ...resendRules,
  ...twilioRules,
  ...githubRules,
  ...npmRules,
  ...awsRules,
  ...slackRules,
  ...sendgridRules,
  ...googleRules,
  ...supabaseRules,
  ...vercelRules,
  ...privateKeyRules,
  ...databaseUrlRules,
];
