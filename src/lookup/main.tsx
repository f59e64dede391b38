// the language is settled before the first render (?lang=, remembered choice, browser)
import '../i18n/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LoadFailure } from './LoadFailure';
import { loadPlan } from './loadPlan';
import { LookupApp } from './LookupApp';
import { LANGUAGES, pickLanguage, t, type Lang } from './messages';
import './lookup.css';

const root = createRoot(document.getElementById('root')!);
const asked = new URLSearchParams(location.search).get('lang');
const lang: Lang = asked !== null && Object.prototype.hasOwnProperty.call(LANGUAGES, asked) ? (asked as Lang) : pickLanguage(navigator.languages ?? [navigator.language]);
document.documentElement.lang = lang;
root.render(<p className="loading" role="status">{t(lang, 'loading')}</p>);

// a hosted copy can point at another published plan with ?plan=URL: its own origin, or one listed in
// lookup-config.json (see README, "Find your school")
loadPlan(location.href, import.meta.env.BASE_URL).then((r) => {
  if (r.ok) root.render(<StrictMode><LookupApp plan={r.plan} planParam={r.planParam} /></StrictMode>);
  else root.render(<StrictMode><LoadFailure lang={lang} failure={r.failure} problems={r.problems} /></StrictMode>);
});
