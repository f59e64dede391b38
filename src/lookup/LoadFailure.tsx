import { useEffect } from 'react';
import type { PublishedPlanProblem } from '../core/publish/validatePublished';
import { t, type Lang } from './messages';

const MESSAGE = { refused: 'planRefused', unavailable: 'planUnavailable', invalid: 'planInvalid' } as const;

/**
 * Why no plan is shown, in plain words. Nothing of the link's `plan=` address or of the refused file is
 * shown; for a damaged file, where its problems are (field names and positions only) for the planners.
 */
export function LoadFailure({ lang, failure, problems }: { lang: Lang; failure: keyof typeof MESSAGE; problems: PublishedPlanProblem[] }) {
  useEffect(() => { document.documentElement.lang = lang; document.title = t(lang, 'title'); }, [lang]);
  return (
    <div className="lookup">
      <header><h1>{t(lang, 'title')}</h1></header>
      <p role="alert" className="message failure">{t(lang, MESSAGE[failure])}</p>
      {problems.length > 0 && (
        <details className="problems">
          <summary>{t(lang, 'problemsHeading')}</summary>
          <ul>{problems.map((p, i) => <li key={i}>{t(lang, `problem_${p.kind}`, { path: p.path })}</li>)}</ul>
        </details>
      )}
    </div>
  );
}
