// The core's only public surface: plain TypeScript, no DOM, React or MapLibre.
export type { Schools, Units, Lattice, UnitGeometry, PolygonCoords, SchoolIndex, UnitIndex, Meters, SchoolStatus } from './model';
export { unitId } from './model';
export { profiles, type Profile, type LevelDef, type SchoolTypeDef } from './settings/profiles';
export { defaultSettings, resolveSettings, levelsServed, type Settings } from './settings/settings';
export { formatProblem, type Problem, type LoadResult } from './load/problems';
export { loadSchools, SCHOOL_COLUMN_ALIASES, type LoadedSchools } from './load/loadSchools';
export { loadPopulation, UNIT_COLUMN_ALIASES } from './load/loadPopulation';
export { detectFileKind, type FileKind } from './load/fileKind';
export { crossCheck } from './load/crossCheck';
export { greatCircleMeters, EARTH_RADIUS_M } from './spatial/sphere';
export { buildNearestSiteIndex, nearestSite, type NearestSiteIndex } from './spatial/nearestSiteIndex';
export { assignNearest, assignNearestByScan, candidateSchools, type LevelAssignment } from './catchment/assignNearest';
export { computeCatchments, summarise, DISTANCE_BANDS_M, type CatchmentResult, type SchoolReport, type DistrictSummary } from './catchment/computeCatchments';
export { FLAG_NAMES, type FlagName, type FlagResult } from './stats/flags';
export { dissolveUnits } from './zones/dissolveUnits';
export { zonesGeoJSON, type ZoneFeature } from './zones/zonesGeoJSON';
export { assignmentCsv, assignmentCsvChunks, schoolsCsv } from './report/csvReports';
export { fingerprint } from './util/fingerprint';
