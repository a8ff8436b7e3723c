import { parse } from 'dotenv';

/** One variable of an env file, with where its name and value sit in the text. */
export interface EnvEntry {
  name: string;
  /** The value as dotenv reads it (quotes removed, escapes expanded, inline comment dropped). */
  value: string;
  nameStart: number;
  nameEnd: number;
  /** The value's characters in the text (the opening quote excluded); equal when the value is empty. */
  valueStart: number;
  valueEnd: number;
}

// dotenv's own line shape: optional `export`, a name of [\w.-], then `=` (or `: `).
const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=[ \t]*|:[ \t]+)/gm;

/**
 * The variables of an env file: values come from dotenv's `parse` (what the app will really
 * read), positions from the line that assigns them (the last one, as dotenv keeps the last).
 */
export function parseEnvFile(text: string): EnvEntry[] {
  let values: Record<string, string>;
  try {
    values = parse(text);
  } catch {
    return [];
  }
  const byName = new Map<string, EnvEntry>();
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m; m = ASSIGNMENT.exec(text)) {
    const name = m[1]!;
    const value = values[name];
    if (value === undefined) continue;
    const nameStart = m.index + m[0].indexOf(name);
    const after = m.index + m[0].length;
    byName.set(name, { name, value, nameStart, nameEnd: nameStart + name.length, ...locateValue(text, after, value) });
  }
  return [...byName.values()].sort((a, b) => a.nameStart - b.nameStart);
}

function locateValue(text: string, from: number, value: string): { valueStart: number; valueEnd: number } {
  const quote = text[from];
  const start = quote === '"' || quote === "'" || quote === '`' ? from + 1 : from;
  if (value === '') return { valueStart: start, valueEnd: start };
  if (text.startsWith(value, start)) return { valueStart: start, valueEnd: start + value.length };
  // Escapes expanded by dotenv (`\n` in double quotes): point at the raw value up to the end of its line.
  const newline = text.indexOf('\n', start);
  const lineEnd = newline < 0 ? text.length : newline;
  return { valueStart: start, valueEnd: Math.max(start, text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd) };
}
