export type FileKind = 'csv' | 'geojson' | 'geotiff' | 'unknown';

/**
 * Tells the format of an input from its name and first bytes (content wins over the extension).
 * @example detectFileKind('pop.tif', bytes) // 'geotiff'
 */
export function detectFileKind(name: string, data: string | Uint8Array): FileKind {
  if (typeof data !== 'string') {
    const b = data;
    if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && (b[2] === 42 || b[2] === 43) && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && (b[3] === 42 || b[3] === 43)))) return 'geotiff';
    const head = b.subarray(0, 4096);
    if (head.includes(0)) return 'unknown';
    data = new TextDecoder().decode(head);
  }
  const start = data.slice(0, 4096).replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'geojson';
  // a .json/.geojson name is read as JSON whatever it holds: an empty file, `null` or a bare number
  // is then reported as the JSON it is, not as a CSV without rows
  if (/\.(geo)?json$/i.test(name)) return 'geojson';
  return 'csv';
}
