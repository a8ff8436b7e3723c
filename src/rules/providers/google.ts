import { BASE64URL, LOWER, randomString } from '../fake.js';
import { bare, type MatchContext, type Rule } from '../rule.js';

/**
 * Google API keys, `AIza` + 35 base64url characters. The same shape is the Firebase web API key,
 * which Firebase's own docs put in the browser: in a Firebase web config it is reported at low
 * severity (it should be restricted), elsewhere it can be a billable Maps/Gemini/Cloud key.
 * The two rules share the pattern and split every candidate with complementary validators.
 */

// 35 = the rest of the 39-character key after `AIza`.
const PATTERN = /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/;

export function googleApiKey(): string {
  return `AIzaSy${randomString(BASE64URL, 33)}`;
}

/** File-level signs of a Firebase web config. */
const FIREBASE_FILE = ['firebaseConfig', 'initializeApp(', 'authDomain', 'firebaseapp.com', 'firebase/app'];

/** A Firebase web config: its usual keys, `initializeApp(` or a firebase import in the file, or a FIREBASE name near the key. */
export function inFirebaseWebConfig({ line, fileIncludes }: MatchContext): boolean {
  return /firebase/i.test(line) || FIREBASE_FILE.some(fileIncludes);
}

const INVALID = ['AIza...', 'AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'AIzaSy_your_api_key_here', 'GOOGLE_API_KEY=${GOOGLE_API_KEY}'];

export const googleRules: Rule[] = [
  {
    id: 'google-api-key',
    provider: 'Google',
    title: 'Google API key',
    severity: 'high',
    pattern: PATTERN,
    keywords: ['AIza'],
    validate: (ctx) => !inFirebaseWebConfig(ctx),
    fix: 'regenerate it in Google Cloud console (APIs & Services → Credentials); keep server keys in process.env on the server, and restrict browser keys to your site and to the APIs they call',
    samples: {
      valid: () => {
        const key = googleApiKey();
        return [bare(googleApiKey()), { text: `GOOGLE_MAPS_API_KEY=${key}`, secret: key }];
      },
      invalid: INVALID,
    },
  },
  {
    id: 'firebase-web-api-key',
    provider: 'Google',
    title: 'Firebase web API key',
    severity: 'low',
    pattern: PATTERN,
    keywords: ['AIza'],
    validate: inFirebaseWebConfig,
    fix: 'Firebase web keys ship to the browser by design: restrict this key in Google Cloud console (Credentials → API restrictions and website restrictions) and protect your data with Security Rules and App Check',
    samples: {
      valid: () => {
        const [inConfig, inEnv] = [googleApiKey(), googleApiKey()];
        const project = `${randomString(LOWER, 6)}-${randomString(LOWER, 5)}`;
        return [
          { text: `NEXT_PUBLIC_FIREBASE_API_KEY=${inEnv}`, secret: inEnv },
          {
            text: `const firebaseConfig = {\n  apiKey: "${inConfig}",\n  authDomain: "${project}.firebaseapp.com",\n  projectId: "${project}",\n};\nconst app = initializeApp(firebaseConfig);`,
            secret: inConfig,
          },
        ];
      },
      invalid: INVALID,
    },
  },
];
