// The data sets shipped in geodata/, bundled as static assets (no network beyond the app's own origin).
// Every folder with a manifest (geodata/<id>/dataset.json, written by scripts/convertGeodata.ts) is listed:
// the list is made at build time from the manifests. Edinburgh comes first and opens by default.
import type { DatasetSource } from '../store/plannerStore';
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

/** How each shipped data set counts children and what is estimated, shown with the district summary. */
const HOW_COUNTED: Record<string, string> = {
  edinburgh: 'Schools: September 2023 rolls by stage with 2019-2022 history and FTE teachers (Scottish Government). Classes are an estimate (pupil roll / average class size, primary only). No capacity in the data, and none is derived from estimated classes: overcrowding and under-use are not assessed. Children: single-year ages from NRS mid-2018 estimates by data zone (five years before the rolls), spread over census output areas in proportion to their 2011 population.',
  'northern-ireland': 'Estimate: primary-age children (4-10) = mid-2020 small-area population x council share aged 0-19 (Census 2021) x 7/20; no small-area ages are published in the shipped data. No capacity data.',
  hualien: 'Schools: pupils and classes by grade and full-time teachers, school year 113 (2024/25). No capacity, and none is derived from the classes in use: overcrowding and under-use are not assessed. Children per village on 1 Sept 2024: 花蓮市 observed (registered children, January 2024); elsewhere an estimate: births registered in each cohort\'s grade-1 intake window (grades 1-4) or May 2015 ages aged forward (grades 5-6), scaled per grade so that the county total equals its pupils (factors 0.79-0.82). Check: pupils at a township\'s schools / its estimated children 0.74-1.21 (花蓮市 1.10).',
  trafford: 'Schools: capacity from Get Information about Schools (September 2024) and pupils at the January 2024 census (totals, with nursery and sixth-form pupils where a school has them; no rolls by year group). Children: ONS mid-2024 single-year ages by output area. Nearest-school zones ignore selective, faith and single-sex admissions.',
};

async function fetchFile(url: string, name: string): Promise<FileInput> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${name}: could not be fetched (HTTP ${res.status})`);
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
  const how = HOW_COUNTED[m.id] ?? m.description;
  return {
    id: m.id, name: m.name,
    countsNote: `${how} Sources: ${m.attribution.join(' ')}`,
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
