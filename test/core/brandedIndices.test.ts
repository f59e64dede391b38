import { describe, expect, it } from 'vitest';
import { asSchoolIndex, buildNearestSiteIndex, nearestSite, schoolOfSite, type SchoolIndex, type SiteIndex } from '../../src/core/index';

describe('index spaces are distinct types', () => {
  it('a site of the nearest-school index is not a school index: the compiler refuses the mix', () => {
    // two schools at one point share a site: site 0 stands for school 1 (the lower index at that point is 1)
    const lon = Float64Array.of(5, 0, 0), lat = Float64Array.of(5, 0, 0);
    const index = buildNearestSiteIndex(lon, lat, [1, 2, 0]);
    const site = nearestSite(index, 1, 0, 0, 0 as SiteIndex);
    const school: SchoolIndex = schoolOfSite(index, site);
    expect(school).toBe(asSchoolIndex(1));
    // @ts-expect-error a site index is not a school index
    const wrong: SchoolIndex = site;
    // @ts-expect-error nor is a plain number (read it through asSchoolIndex)
    const plain: SchoolIndex = 3;
    expect([wrong, plain].length).toBe(2);
  });
});
