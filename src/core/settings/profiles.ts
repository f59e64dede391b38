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

/**
 * England: primary Reception-Y6 (ages 4-10), secondary Y7-Y11 (ages 11-15; sixth forms are not a level).
 * Class size 30 is the statutory infant class limit (Reception-Y2), used as the primary standard; juniors and
 * secondary have no statutory limit (30 kept as an editable default). Distance standards are the statutory
 * walking distances: 2 miles under 8 (used for primary), 3 miles from 8 (secondary). England sets no minimum
 * school size: the generic 100 / 300 are kept as editable defaults.
 */
export const englandProfile: Profile = {
  id: 'england',
  name: 'England',
  levels: [
    { id: 'primary', name: 'Primary', grades: ['r', ...grades('y', 1, 6)], ages: [4, 10], classSize: 30, minPupils: 100, distanceStandardM: 3219 },
    { id: 'secondary', name: 'Secondary', grades: grades('y', 7, 11), ages: [11, 15], classSize: 30, minPupils: 300, distanceStandardM: 4828 },
  ],
  schoolTypes: {
    primary: { levels: ['primary'], zoned: true },
    secondary: { levels: ['secondary'], zoned: true },
    all_through: { levels: ['primary', 'secondary'], zoned: true },
    // kept and listed, never given a catchment: they do not admit by where children live
    special: { levels: [], zoned: false },
    independent: { levels: [], zoned: false },
    post_16: { levels: [], zoned: false },
    alternative_provision: { levels: [], zoned: false },
  },
  largeClassFrom: null,
  superLargeClassFrom: null,
  notes: 'Class size 30: infant class size limit of 30 pupils per school teacher for Reception, Y1 and Y2 (School Standards and Framework Act 1998 s.1; School Admissions (Infant Class Sizes) (England) Regulations 2012, reg. 4), used as the primary standard; juniors and secondary have no statutory limit (30 is an editable default). Distance standard: statutory walking distance 2 miles for children under 8 and 3 miles from 8 (Education Act 1996 s.444(5), eligibility for free travel under s.508B and Schedule 35B): 2 miles (3,219 m) for primary, 3 miles (4,828 m) for secondary, straight-line (the law measures the shortest safe walking route). England sets no minimum school size: 100 primary / 300 secondary are generic editable defaults. Special, independent, post-16 and alternative-provision schools are kept but not zoned.',
};

/**
 * Taiwan, elementary school (國民小學): grades 1-6, ages 6-11 (a child turning 6 by 1 September enters grade 1).
 * Class size 29: 國民小學與國民中學班級編制及教職員員額編制準則 art. 2; undersized at 50 pupils or fewer: Hualien
 * County's rule for small schools (花蓮縣小型學校合併或停辦實施辦法). No Taiwanese distance standard or
 * large-class bands were found: the China profile's defaults are kept and said so in the notes.
 */
export const taiwanProfile: Profile = {
  id: 'taiwan',
  name: 'Taiwan (elementary)',
  levels: [
    { id: 'primary', name: 'Primary', grades: grades('g', 1, 6), ages: [6, 11], classSize: 29, minPupils: 51, distanceStandardM: 2000 },
  ],
  schoolTypes: {
    primary: { levels: ['primary'], zoned: true },
    // private schools admit without a school district (學區): kept and listed, not zoned
    private: { levels: ['primary'], zoned: false },
    special: { levels: [], zoned: false },
  },
  largeClassFrom: 56,
  superLargeClassFrom: 66,
  notes: 'Class size 29 pupils per class, an upper limit (國民小學與國民中學班級編制及教職員員額編制準則, art. 2: 國小每班以29人為原則, as restated by the Ministry of Education in January 2026; junior high 30, not a level here because no shipped data has junior high schools). Undersized: 50 pupils or fewer (minPupils 51), the threshold at which 花蓮縣小型學校合併或停辦實施辦法 requires a merger-or-closure evaluation (Central News Agency, 13 May 2023); schools are not closed on numbers alone (indigenous key schools need the consent of half the adult indigenous residents of their district). Not found for Taiwan, so the China profile defaults are kept: distance standard 2 km (a 30-minute walk at 4 km/h) and large / super-large class bands 56 / 66. Private schools are kept but not zoned.',
};

export const profiles: Record<string, Profile> = {
  china: chinaProfile,
  scotland: scotlandProfile,
  northern_ireland: northernIrelandProfile,
  england: englandProfile,
  taiwan: taiwanProfile,
};
