import type { DistrictSummary, Problem, SchoolReport } from '../core/index';

/** A file handed to the engine: its name (for messages and format detection) and its bytes. */
export interface FileInput {
  name: string;
  bytes: Uint8Array;
}

export interface LoadRequest {
  schools: FileInput;
  population: FileInput;
  /** settings overrides as read from a settings JSON (see README) */
  settings?: unknown;
}

export type LoadResponse =
  | { ok: true; problems: Problem[]; summary: DistrictSummary; schools: SchoolReport[]; settingsProfile: string; millis: { load: number; compute: number } }
  | { ok: false; problems: Problem[] };

/** The engine's API as seen from the main thread (comlink wraps each method in a Promise). */
export interface EngineApi {
  load(request: LoadRequest): Promise<LoadResponse>;
}
