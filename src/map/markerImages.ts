import type * as maplibregl from 'maplibre-gl';

/** Marker icons drawn here (no sprite server): a school the plan opens, and new housing. */
export const NEW_SCHOOL_ICON = 'marker-new-school', HOUSING_ICON = 'marker-housing';

const SIZE = 22, RATIO = 2;

function draw(shape: (c: CanvasRenderingContext2D, s: number) => void): ImageData {
  const px = SIZE * RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = px; canvas.height = px;
  const c = canvas.getContext('2d')!;
  c.lineJoin = 'round';
  shape(c, px);
  return c.getImageData(0, 0, px, px);
}

/** A white-edged diamond with a plus (a new school), and a house (new homes). */
export function addMarkerImages(map: maplibregl.Map): void {
  if (!map.hasImage(NEW_SCHOOL_ICON)) {
    map.addImage(NEW_SCHOOL_ICON, draw((c, s) => {
      const m = s / 2, r = s / 2 - 4;
      c.beginPath(); c.moveTo(m, m - r); c.lineTo(m + r, m); c.lineTo(m, m + r); c.lineTo(m - r, m); c.closePath();
      c.fillStyle = '#1f5fbf'; c.fill(); c.lineWidth = 4; c.strokeStyle = '#fff'; c.stroke();
      c.beginPath(); c.moveTo(m - r / 2.4, m); c.lineTo(m + r / 2.4, m); c.moveTo(m, m - r / 2.4); c.lineTo(m, m + r / 2.4);
      c.lineWidth = 5; c.stroke();
    }), { pixelRatio: RATIO });
  }
  if (!map.hasImage(HOUSING_ICON)) {
    map.addImage(HOUSING_ICON, draw((c, s) => {
      const e = 5, w = s - 2 * e;
      c.beginPath(); c.moveTo(s / 2, e); c.lineTo(s - e, e + w * 0.45); c.lineTo(s - e, s - e); c.lineTo(e, s - e); c.lineTo(e, e + w * 0.45); c.closePath();
      c.fillStyle = '#c2571a'; c.fill(); c.lineWidth = 4; c.strokeStyle = '#fff'; c.stroke();
      c.fillStyle = '#fff'; c.fillRect(s / 2 - w * 0.12, s - e - w * 0.35, w * 0.24, w * 0.35);
    }), { pixelRatio: RATIO });
  }
}
