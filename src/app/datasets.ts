// The data sets shipped in geodata/, bundled as static assets (no network beyond the app's own origin).
import edinburghSchools from '../../geodata/edinburgh/schools.geojson?url';
import edinburghPopulation from '../../geodata/edinburgh/population.geojson?url';
import edinburghSettings from '../../geodata/edinburgh/settings.json';
import niSchools from '../../geodata/northern-ireland/schools.geojson?url';
import niPopulation from '../../geodata/northern-ireland/population.geojson?url';
import niSettings from '../../geodata/northern-ireland/settings.json';

export interface ShippedDataset {
  id: string;
  name: string;
  schoolsUrl: string;
  populationUrl: string;
  settings: unknown;
  /** how school-age counts were obtained: shown to the user */
  countsNote: string;
}

export const SHIPPED_DATASETS: ShippedDataset[] = [
  {
    id: 'edinburgh', name: 'Edinburgh (urban)', schoolsUrl: edinburghSchools, populationUrl: edinburghPopulation, settings: edinburghSettings,
    countsNote: 'Children by single year of age (NRS 2018 small-area estimates by data zone), spread over census output areas in proportion to their 2011 population.',
  },
  {
    id: 'northern-ireland', name: 'Northern Ireland (rural)', schoolsUrl: niSchools, populationUrl: niPopulation, settings: niSettings,
    countsNote: 'Estimate: primary-age children (4-10) = mid-2020 small-area population x council share aged 0-19 (Census 2021) x 7/20. No small-area ages are published in the shipped data.',
  },
];
