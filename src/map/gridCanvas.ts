import type { UnitStyler } from './unitColours';

/**
 * One canvas pixel per grid cell, drawn as a MapLibre canvas source: a 250,000-cell grid is one
 * texture, and a brush stroke rewrites only the pixels it touched.
 */
export class GridCanvas {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly image: ImageData;

  constructor(readonly cols: number, readonly rows: number, private readonly cellByUnit: Uint32Array) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = cols;
    this.canvas.height = rows;
    this.ctx = this.canvas.getContext('2d')!;
    this.image = this.ctx.createImageData(cols, rows);
  }

  drawAll(style: UnitStyler): void {
    this.image.data.fill(0);
    for (let u = 0; u < this.cellByUnit.length; u++) this.setPixel(u, style);
    this.ctx.putImageData(this.image, 0, 0);
  }

  /** Redraws the given units, uploading only the rectangle that holds them. */
  drawUnits(units: ArrayLike<number>, style: UnitStyler): void {
    let minC = Infinity, minR = Infinity, maxC = -1, maxR = -1;
    for (let i = 0; i < units.length; i++) {
      const u = units[i];
      this.setPixel(u, style);
      const cell = this.cellByUnit[u], c = cell % this.cols, r = (cell - c) / this.cols;
      if (c < minC) minC = c; if (c > maxC) maxC = c;
      if (r < minR) minR = r; if (r > maxR) maxR = r;
    }
    if (maxC >= 0) this.ctx.putImageData(this.image, 0, 0, minC, minR, maxC - minC + 1, maxR - minR + 1);
  }

  private setPixel(u: number, style: UnitStyler) {
    const o = this.cellByUnit[u] * 4;
    const { rgb, alpha } = style(u);
    const d = this.image.data;
    d[o] = rgb[0]; d[o + 1] = rgb[1]; d[o + 2] = rgb[2]; d[o + 3] = Math.round(alpha * 255);
  }
}
