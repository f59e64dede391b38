import type { PublishedPlan } from '../core/publish/lookupZones';
import { allowedOriginsFromConfig, checkPlanUrl } from '../core/publish/planSource';
import { parsePublishedPlan, type PublishedPlanProblem } from '../core/publish/validatePublished';

/** The plan to show, or why there is none. A failure never carries the address or the file's text. */
export type PlanLoad =
  | { ok: true; plan: PublishedPlan; planParam: string | null }
  | { ok: false; failure: 'refused' | 'unavailable' | 'invalid'; problems: PublishedPlanProblem[] };

/**
 * Loads the published plan the page's URL asks for (`?plan=…`, else the deployment's default plan).
 * The address must pass `checkPlanUrl`: the page's own origin, or one listed in `lookup-config.json`
 * (read only when a plan from another origin is asked for). The final address after redirects is checked
 * again, and the file must pass `validatePublishedPlan`.
 */
export async function loadPlan(pageUrl: string, base: string): Promise<PlanLoad> {
  const param = new URL(pageUrl).searchParams.get('plan');
  const planParam = param && param.trim() ? param : null;
  const address = planParam ?? `${base}published/edinburgh.json`;
  let origins: string[] | null = null;
  const allowed = async (url: string) => {
    const first = checkPlanUrl(url, pageUrl, []);
    if (first.ok || first.reason !== 'origin') return first;
    origins ??= await readAllowedOrigins(base);
    return checkPlanUrl(url, pageUrl, origins);
  };
  const refused = (): PlanLoad => ({ ok: false, failure: 'refused', problems: [] });
  const checked = await allowed(address);
  if (!checked.ok) return refused();
  let text: string;
  try {
    const r = await fetch(checked.url, { credentials: checked.sameOrigin ? 'same-origin' : 'omit', referrerPolicy: 'no-referrer' });
    // a redirect may have left the allowed origins
    if (r.url && !(await allowed(r.url)).ok) return refused();
    if (!r.ok) return { ok: false, failure: 'unavailable', problems: [] };
    text = await r.text();
  } catch {
    return { ok: false, failure: 'unavailable', problems: [] };
  }
  const plan = parsePublishedPlan(text);
  return plan.ok ? { ok: true, plan: plan.plan, planParam } : { ok: false, failure: 'invalid', problems: plan.problems };
}

/** The deployment's list of other origins it takes plans from; none when the file is missing or broken. */
async function readAllowedOrigins(base: string): Promise<string[]> {
  try {
    const r = await fetch(`${base}lookup-config.json`, { cache: 'no-cache' });
    if (!r.ok) return [];
    const { origins, ignored } = allowedOriginsFromConfig(await r.json());
    if (ignored) console.warn(`lookup-config.json: ${ignored} entries of allowedPlanOrigins are not exact http(s) origins and were left out`);
    return origins;
  } catch {
    return [];
  }
}
