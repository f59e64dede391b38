import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PUBLISHED_FORMAT, type PublishedPlan } from '../core/publish/lookupZones';
import { LookupApp } from './LookupApp';
import './lookup.css';

// a hosted copy can point at another published plan with ?plan=URL
const planUrl = new URLSearchParams(location.search).get('plan') ?? `${import.meta.env.BASE_URL}published/edinburgh.json`;
const root = createRoot(document.getElementById('root')!);
fetch(planUrl)
  .then((r) => { if (!r.ok) throw new Error(`HTTP ${r.status}`); return r.json(); })
  .then((plan: PublishedPlan) => {
    if (plan.format !== PUBLISHED_FORMAT) throw new Error('not a published plan');
    root.render(<StrictMode><LookupApp plan={plan} /></StrictMode>);
  })
  .catch((e: Error) => root.render(<p role="alert">The published plan could not be loaded ({planUrl}: {e.message}).</p>));
