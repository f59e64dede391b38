/**
 * Levels, grades, entry ages and which school types serve which levels are data, not constants.
 * A profile is a named set of them plus the standards that differ by country.
 */
export interface LevelDef {
  id: string;
  name: string;
  /** grade ids in order; per-grade enrollment columns in school files use these names */
  grades: string[];
  /** youngest and oldest single-year age of the level's school-age population */
  ages: [number, number];
  /** standard class size: pupils per class */
  classSize: number;
  /** a school with fewer pupils of this level is undersized */
  minPupils: number;
  /** optional stricter or looser minimum for schools marked rural (field `urban_rural`) */
  minPupilsRural?: number;
  /** straight-line home-to-school distance standard in metres */
  distanceStandardM: number;
}

export interface SchoolTypeDef {
  /** level ids this type serves */
  levels: string[];
  /** false: kept and listed, but never given a catchment (e.g. special schools) */
  zoned: boolean;
}

export interface Profile {
  id: string;
  name: string;
  levels: LevelDef[];
  schoolTypes: Record<string, SchoolTypeDef>;
  /** average class size from which a class counts as large / super-large; null = no such band */
  largeClassFrom: number | null;
  superLargeClassFrom: number | null;
  /** where the numbers come from, shown with the settings */
  notes: string;
}

function grades(prefix: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (let g = from; g <= to; g++) out.push(`${prefix}${g}`);
  return out;
}

/**
 * China, compulsory education: primary grades 1-6 (ages 6-11), junior secondary 7-9 (ages 12-14).
 * Class sizes 45/50 and the 56/66 large/super-large bands follow 建标109-2008 and MOE definitions;
 * 100/300 pupils follow the small-school definitions; 2 km ~ a 30-minute walk at 4 km/h for primary,
 * 3 km ~ 45 minutes for junior.
 */
export const chinaProfile: Profile = {
  id: 'china',
  name: 'China (compulsory education)',
  levels: [
    { id: 'primary', name: 'Primary', grades: grades('g', 1, 6), ages: [6, 11], classSize: 45, minPupils: 100, distanceStandardM: 2000 },
    { id: 'junior', name: 'Junior secondary', grades: grades('g', 7, 9), ages: [12, 14], classSize: 50, minPupils: 300, distanceStandardM: 3000 },
  ],
  schoolTypes: {
    primary: { levels: ['primary'], zoned: true },
    junior: { levels: ['junior'], zoned: true },
    nine_year: { levels: ['primary', 'junior'], zoned: true },
    secondary: { levels: ['junior'], zoned: true },
    special: { levels: [], zoned: false },
  },
  largeClassFrom: 56,
  superLargeClassFrom: 66,
  notes: 'Class size 45 primary / 50 junior (建标109-2008); large class 56+, super-large 66+ (MOE); undersized below 100 primary / 300 junior pupils; distance standard 2 km primary (30-minute walk at 4 km/h), 3 km junior.',
};

/**
 * Scotland: primary P1-P7 (ages 5-11), secondary S1-S6 (ages 12-17).
 * Class size 30 is the statutory P2-P3 limit (P1 25, P4-P7 33) used as one level-wide standard;
 * distance standards are the free-transport walking distances (2 miles under 8, 3 miles from 8).
 * Scotland sets no minimum school size: the generic 100 / 300 are kept as editable defaults.
 */
export const scotlandProfile: Profile = {
  id: 'scotland',
  name: 'Scotland',
  levels: [
    { id: 'primary', name: 'Primary', grades: grades('p', 1, 7), ages: [5, 11], classSize: 30, minPupils: 100, distanceStandardM: 3219 },
    { id: 'secondary', name: 'Secondary', grades: grades('s', 1, 6), ages: [12, 17], classSize: 30, minPupils: 300, distanceStandardM: 4828 },
  ],
  schoolTypes: {
    primary: { levels: ['primary'], zoned: true },
    secondary: { levels: ['secondary'], zoned: true },
    junior: { levels: ['secondary'], zoned: true },
    special: { levels: [], zoned: false },
    // annexes are extra sites of a main school: shown, not given a catchment of their own
    annexe: { levels: [], zoned: false },
  },
  largeClassFrom: null,
  superLargeClassFrom: null,
  notes: 'Class size 30 (P2-P3 statutory limit; P1 25, P4-P7 33); transport walking distance 2 miles primary, 3 miles secondary; minimum sizes are generic defaults (Scotland sets none).',
};

/**
 * Northern Ireland: primary Y1-Y7 (ages 4-10). Sustainable Schools Policy: 105 pupils rural, 140 urban;
 * transport eligibility 2 miles for primary pupils.
 */
export const northernIrelandProfile: Profile = {
  id: 'northern_ireland',
  name: 'Northern Ireland',
  levels: [
    { id: 'primary', name: 'Primary', grades: grades('y', 1, 7), ages: [4, 10], classSize: 30, minPupils: 140, minPupilsRural: 105, distanceStandardM: 3219 },
  ],
  schoolTypes: {
    primary: { levels: ['primary'], zoned: true },
    special: { levels: [], zoned: false },
  },
  largeClassFrom: null,
  superLargeClassFrom: null,
  notes: 'Sustainable Schools Policy: 105 pupils (rural) / 140 (urban) primary; class size 30 (DE guidance for P1-P4); transport eligibility 2 miles primary.',
};

export const profiles: Record<string, Profile> = {
  china: chinaProfile,
  scotland: scotlandProfile,
  northern_ireland: northernIrelandProfile,
};
