/** 1234567 -> "1,234,567" (no locale: the same in the browser and the CLI) */
export function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** bytes as "12.3 MB" (or "950 bytes" below a megabyte) */
export function megabytes(bytes: number): string {
  return bytes < 1e6 ? `${grouped(bytes)} bytes` : `${(bytes / 1e6).toFixed(1)} MB`;
}
