import type { ScanResult } from '../types.js';
import type { Colors } from './colors.js';

export interface ReportContext {
  colors: Colors;
  /** How the scan was invoked, for reporters that describe it (SARIF, job summary). */
  toolVersion: string;
}

/** A reporter turns a ScanResult into text. It reads Finding fields only. */
export type Reporter = (result: ScanResult, context: ReportContext) => string;
