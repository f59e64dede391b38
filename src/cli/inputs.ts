import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { decodePopulation, decodeText, withDecodeProblems } from '../core/load/decodeText';
import {
  crossCheck, fingerprint, loadPopulation, loadSchools, resolveSettings,
  type LoadedSchools, type Problem, type Settings, type Units,
} from '../core/index';

export interface Inputs {
  settings: Settings;
  schools?: LoadedSchools & { file: string; fingerprint: string };
  units?: Units & { file: string; fingerprint: string };
  problems: Problem[];
}

function readBytes(path: string, problems: Problem[]): Uint8Array | null {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    problems.push({ severity: 'error', file: path, message: code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory; expected a file' : `cannot read (${(e as Error).message})` });
    return null;
  }
}

/** Reads and loads whatever files were named; never throws for bad input. */
export async function loadInputs(paths: { schools?: string; population?: string; settings?: string; settingsObject?: Settings }, progress: (s: string) => void): Promise<Inputs> {
  const problems: Problem[] = [];
  let settings: Settings;
  if (paths.settingsObject) settings = paths.settingsObject;
  else if (paths.settings) {
    const bytes = readBytes(paths.settings, problems);
    try {
      settings = resolveSettings(bytes ? JSON.parse(new TextDecoder().decode(bytes)) : undefined, basename(paths.settings));
    } catch (e) {
      const msg = (e as Error).message;
      problems.push({ severity: 'error', file: paths.settings, message: e instanceof SyntaxError ? `not valid JSON (${msg})` : msg.replace(`${basename(paths.settings)}: `, '') });
      settings = resolveSettings(undefined);
    }
  } else settings = resolveSettings(undefined);
  const out: Inputs = { settings, problems };
  if (paths.schools) {
    progress(`reading ${paths.schools}`);
    const bytes = readBytes(paths.schools, problems);
    if (bytes) {
      const text = decodeText(bytes, paths.schools);
      const r = text.ok ? withDecodeProblems(text.problems, loadSchools(paths.schools, text.value, settings)) : text;
      problems.push(...r.problems);
      if (r.ok) out.schools = { ...r.value, file: paths.schools, fingerprint: fingerprint(bytes) };
    }
  }
  if (paths.population) {
    progress(`reading ${paths.population}`);
    const bytes = readBytes(paths.population, problems);
    if (bytes) {
      const data = decodePopulation(bytes, paths.population);
      const r = data.ok ? withDecodeProblems(data.problems, await loadPopulation(paths.population, data.value, settings)) : data;
      problems.push(...r.problems);
      if (r.ok) out.units = Object.assign(r.value, { file: paths.population, fingerprint: fingerprint(bytes) });
    }
  }
  if (out.schools && out.units) problems.push(...crossCheck(out.schools.file, out.schools.schools, out.units));
  return out;
}
