// The data sets shipped in geodata/, bundled as static assets (no network beyond the app's own origin).
import edinburghSchools from '../../geodata/edinburgh/schools.geojson?url';
import edinburghPopulation from '../../geodata/edinburgh/population.geojson?url';
import edinburghContext from '../../geodata/edinburgh/context.geojson?url';
import edinburghSettings from '../../geodata/edinburgh/settings.json';
import niSchools from '../../geodata/northern-ireland/schools.geojson?url';
import niPopulation from '../../geodata/northern-ireland/population.geojson?url';
import niContext from '../../geodata/northern-ireland/context.geojson?url';
import niSettings from '../../geodata/northern-ireland/settings.json';
import type { DatasetSource } from '../store/plannerStore';
import type { FileInput } from '../worker/protocol';

async function fetchFile(url: string, name: string): Promise<FileInput> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${name}: could not be fetched (HTTP ${res.status})`);
  return { name, bytes: new Uint8Array(await res.arrayBuffer()) };
}

function shipped(id: string, name: string, urls: { schools: string; population: string; context: string }, settings: unknown, countsNote: string): DatasetSource {
  return {
    id, name, countsNote,
    files: async () => {
      const [schools, population, context] = await Promise.all([
        fetchFile(urls.schools, `${id}/schools.geojson`), fetchFile(urls.population, `${id}/population.geojson`), fetchFile(urls.context, `${id}/context.geojson`),
      ]);
      return { schools, population, context, settings };
    },
  };
}

export const SHIPPED_DATASETS: DatasetSource[] = [
  shipped('edinburgh', 'Edinburgh (urban)', { schools: edinburghSchools, population: edinburghPopulation, context: edinburghContext }, edinburghSettings,
    'Children by single year of age (NRS 2018 small-area estimates by data zone), spread over census output areas in proportion to their 2011 population. No capacity or classroom data: enter them per school.'),
  shipped('northern-ireland', 'Northern Ireland (rural)', { schools: niSchools, population: niPopulation, context: niContext }, niSettings,
    'Estimate: primary-age children (4-10) = mid-2020 small-area population x council share aged 0-19 (Census 2021) x 7/20; no small-area ages are published in the shipped data. No capacity data.'),
];
