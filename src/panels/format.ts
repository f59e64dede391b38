const nf0 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** A count, or a dash when the data has no value. */
export const count = (x: number | undefined | null) => (x === undefined || x === null || !Number.isFinite(x) ? '–' : nf0.format(x));
export const one = (x: number | undefined | null) => (x === undefined || x === null || !Number.isFinite(x) ? '–' : nf1.format(x));
export const percent = (x: number | undefined | null) => (x === undefined || x === null || !Number.isFinite(x) ? '–' : `${nf0.format(x * 100)}%`);
export const km = (m: number | undefined | null) => (m === undefined || m === null || !Number.isFinite(m) ? '–' : m < 1000 ? `${nf0.format(m)} m` : `${nf1.format(m / 1000)} km`);
export const flagLabel = (flag: string) => flag.replace(/_/g, ' ');

/** A figure the data cannot give reads "not assessed", never a number or a dash. */
export const assessed = (x: number | undefined | null, format: (x: number) => string) => (x === undefined || x === null || !Number.isFinite(x) ? 'not assessed' : format(x));
