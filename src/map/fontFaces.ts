import type { FontFacesSpecification, MLFontFace } from '@maplibre/maplibre-gl-style-spec';

/*
 * Offline label fonts: Noto Sans (Latin, Greek, Cyrillic, Vietnamese) and Noto Sans SC (Chinese), the
 * @fontsource woff2 files bundled by Vite, declared in the style's `font-faces` with their unicode
 * ranges. MapLibre fetches a file only when a label needs one of its characters; no glyph server.
 */

const cssFiles = import.meta.glob<string>(['/node_modules/@fontsource/noto-sans/400.css', '/node_modules/@fontsource/noto-sans-sc/400.css'], { eager: true, query: '?raw', import: 'default' });
const fontUrls = import.meta.glob<string>(['/node_modules/@fontsource/noto-sans/files/*-400-normal.woff2', '/node_modules/@fontsource/noto-sans-sc/files/*-400-normal.woff2'], { eager: true, query: '?url', import: 'default' });

/** The font names styles use (Protomaps, OpenFreeMap and the planner's own labels): all drawn with the same files. */
export const LABEL_FONT = 'Noto Sans Regular';
const NAMES = [LABEL_FONT, 'Noto Sans Medium', 'Noto Sans Italic', 'Noto Sans Bold'];

/** The faces of one @fontsource CSS file: each woff2 with its unicode ranges. */
export function facesOfCss(css: string, urlOf: (file: string) => string | undefined): MLFontFace[] {
  const faces: MLFontFace[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = block.match(/url\(\.\/files\/([^)]+\.woff2)\)/)?.[1];
    const ranges = block.match(/unicode-range:\s*([^;]+);/)?.[1];
    const url = file ? urlOf(file) : undefined;
    if (!url) continue;
    faces.push(ranges ? { url, 'unicode-range': ranges.split(',').map((r) => r.trim()) } : { url });
  }
  return faces;
}

function buildFontFaces(): FontFacesSpecification {
  const byFile = new Map(Object.entries(fontUrls).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));
  // Latin first: a Chinese file also covers some Latin letters, which should come from Noto Sans
  const order = Object.keys(cssFiles).sort((a, b) => Number(a.includes('-sc/')) - Number(b.includes('-sc/')));
  const faces = order.flatMap((k) => facesOfCss(cssFiles[k], (f) => byFile.get(f)));
  return Object.fromEntries(NAMES.map((n) => [n, faces]));
}

export const FONT_FACES: FontFacesSpecification = buildFontFaces();
