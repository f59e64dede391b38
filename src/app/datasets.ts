// The data sets shipped in geodata/, bundled as static assets (no network beyond the app's own origin).
// Every folder with a manifest (geodata/<id>/dataset.json, written by scripts/convertGeodata.ts) is listed:
// the list is made at build time from the manifests. Edinburgh comes first and opens by default.
import { coded } from '../core/index';
import { CodedError } from '../store/codedError';
import type { DatasetSource } from '../store/plannerStore';
import { said } from '../store/said';
import type { FileInput } from '../worker/protocol';

/** geodata/<id>/dataset.json: what a shipped data set is made of and whom to credit (README "Data shipped"). */
export interface DatasetManifest {
  id: string;
  name: string;
  /** one line */
  description: string;
  schools: string;
  population: string;
  settings: string;
  /** road lines for route distances (optional) */
  network?: string;
  context: string[];
  /** one line per source */
  attribution: string[];
}

const manifestFiles = import.meta.glob<DatasetManifest>('../../geodata/*/dataset.json', { eager: true, import: 'default' });
const settingsFiles = import.meta.glob<unknown>('../../geodata/*/settings.json', { eager: true, import: 'default' });
const fileUrls = import.meta.glob<string>('../../geodata/*/{schools,population,context,roads}.geojson', { eager: true, query: '?url', import: 'default' });

async function fetchFile(url: string, name: string): Promise<FileInput> {
  const res = await fetch(url);
  if (!res.ok) throw new CodedError(coded('fileNotFetched', { file: name, status: res.status }, `${name}: could not be fetched (HTTP ${res.status})`));
  return { name, bytes: new Uint8Array(await res.arrayBuffer()) };
}

function urlOf(m: DatasetManifest, file: string): string {
  const url = fileUrls[`../../geodata/${m.id}/${file}`];
  if (url === undefined) throw new Error(`geodata/${m.id}/dataset.json names ${file}, which is not bundled (expected schools.geojson, population.geojson, context.geojson or roads.geojson)`);
  return url;
}

function shipped(m: DatasetManifest): DatasetSource {
  const settings = settingsFiles[`../../geodata/${m.id}/${m.settings}`];
  if (settings === undefined) throw new Error(`geodata/${m.id}/dataset.json names settings ${m.settings}, which is not bundled (expected settings.json)`);
  const schools = urlOf(m, m.schools), population = urlOf(m, m.population);
  const context = m.context.length ? urlOf(m, m.context[0]) : null;
  const network = m.network ? urlOf(m, m.network) : null;
  return {
    id: m.id, name: m.name,
    // how children are counted is in the data catalogue (data:howCounted.<id>); a new data set shows its description
    countsNote: said(`data:howCounted.${m.id}`, { defaultValue: m.description }), sources: m.attribution,
    files: async () => {
      const [s, p, c, n] = await Promise.all([
        fetchFile(schools, `${m.id}/${m.schools}`), fetchFile(population, `${m.id}/${m.population}`),
        context ? fetchFile(context, `${m.id}/${m.context[0]}`) : Promise.resolve(undefined),
        network ? fetchFile(network, `${m.id}/${m.network}`) : Promise.resolve(undefined),
      ]);
      return { schools: s, population: p, ...(c ? { context: c } : {}), ...(n ? { network: n } : {}), settings };
    },
  };
}

/** The shipped manifests, the default (Edinburgh) first, then by id: the data menu's order. */
export const SHIPPED_MANIFESTS: DatasetManifest[] = Object.values(manifestFiles)
  .sort((a, b) => (a.id === 'edinburgh' ? -1 : b.id === 'edinburgh' ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export const SHIPPED_DATASETS: DatasetSource[] = SHIPPED_MANIFESTS.map(shipped);
