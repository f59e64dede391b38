import { SHIPPED_MANIFESTS } from '../app/datasets';
import type { PublishedBasemap } from '../core/publish/publishedBasemap';
import type { BasemapChoice } from './basemapChoice';

/**
 * What a published plan carries of the planner's map: its online style (a PMTiles file kept in this
 * browser cannot travel with the file: published as none) and the data set's credits.
 */
export function publishedMapOf(choice: BasemapChoice, sourceId: string | null): { basemap: PublishedBasemap; attribution: string[] } {
  return {
    basemap: choice.kind === 'style' ? { kind: 'style', url: choice.url } : { kind: 'none' },
    attribution: SHIPPED_MANIFESTS.find((m) => m.id === sourceId)?.attribution ?? [],
  };
}
