import { describe, expect, it } from 'vitest';
import { linesOfObject, linesOfText, type RoadLines } from '../../src/core/network/readRoadLines';

const line = (coords: unknown, props: unknown = { road_function: 'Local Road' }, type = 'LineString') => ({ type: 'Feature', properties: props, geometry: { type, coordinates: coords } });
const fc = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

/** Texts the fast reader must read exactly as JSON.parse and the object reader do. */
const SAME: [string, string, string?][] = [
  ['two lines', fc(line([[10, 50], [10.001, 50.0007]]), line([[-3.1234567, 55.9], [-3.2, 55.91], [-3.3, 55.92]], { highway: 'primary' }))],
  ['multi-line, point, null geometry, no properties', fc(line([[[0, 0], [1, 1]], [[2, 2], [3, 3]]], { class: 'x' }, 'MultiLineString'), { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } }, { type: 'Feature', geometry: null, properties: null }, { type: 'Feature', geometry: { type: 'LineString', coordinates: [[5, 5], [6, 6]] } })],
  ['class fields by priority, not by order', fc(line([[0, 0], [1, 0]], { type: 'minor', fclass: 'residential', other: [1, { a: 'b' }] }), line([[0, 0], [0, 1]], { road_class: 7 }), line([[0, 0], [1, 1]], { highway: null }), line([[1, 1], [2, 2]], { road_function: { nested: true } }))],
  ['numbers: exponents, long decimals, negatives, extra dimensions', fc(line([[1e-3, 5.5e1], [10.123000000000001, -0.0000001], [-179.99999999999997, 89.1, 120.5], [0.1]]))],
  ['strings with escapes and keys in any order', '\ufeff { "features" : [ { "geometry" : { "coordinates" : [ [ 1 , 2 ] , [ 3 , 4 ] ] , "type" : "Line\\u0053tring" } , "properties" : { "road_\\u0066unction" : "A \\"quoted\\" road \\u00e9" , "note": "x\\ny" } , "type" : "Feature" } ] , "type" : "FeatureCollection", "crs": {"type": "name"} } \n'],
  ['explicit class field', fc(line([[0, 0], [1, 0]], { kind: 'track', highway: 'primary' }), line([[0, 0], [0, 1]], { highway: 'primary' })), 'kind'],
  ['empty collection', fc()],
  ['many classes', fc(...Array.from({ length: 90 }, (_, k) => line([[k, 0], [k, 1]], { highway: `c${k % 70}` })))],
];

function expectSame(a: RoadLines, b: RoadLines) {
  expect(Array.from(a.x)).toEqual(Array.from(b.x));
  expect(Array.from(a.y)).toEqual(Array.from(b.y));
  expect(Array.from(a.lineStart)).toEqual(Array.from(b.lineStart));
  expect(Array.from(a.lineClass)).toEqual(Array.from(b.lineClass));
  expect(a.classNames).toEqual(b.classNames);
  expect([a.features, a.notLines, a.firstNotLine]).toEqual([b.features, b.notLines, b.firstNotLine]);
}

describe('road lines read from the text equal those read from the parsed object', () => {
  for (const [name, text, field] of SAME) {
    it(name, () => {
      const fast = linesOfText(text, field);
      expect(fast).not.toBeNull();
      expectSame(fast!, linesOfObject(JSON.parse(text.replace(/^\ufeff/, '')), field)!);
    });
  }

  it('gives up (null) on text JSON.parse refuses, so the caller reports the parser\'s message', () => {
    const good = fc(line([[0, 0], [1, 1]]));
    for (const bad of [good.slice(0, -1), good.replace('[[0,0]', '[[0,0,]'), good.replace('"Feature"', "'Feature'"), `${good} x`, good.replace(']]}', ']],}'), good.replace('1,1', '1,+1'), good.replace('"Local Road"', '"Local \\q Road"')]) {
      expect(() => JSON.parse(bad)).toThrow();
      expect(linesOfText(bad)).toBeNull();
    }
    expect(linesOfText('{"type":"FeatureCollection"}')).toBeNull(); // no features: not a network
    expect(linesOfText('[1, 2]')).toBeNull();
  });
});
