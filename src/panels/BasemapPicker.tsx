import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_STYLE_URL } from '../map/basemapChoice';
import { checkPmtiles, keepPmtiles } from '../map/pmtilesSource';
import { usePlanner } from './plannerContext';
import './basemapPicker.css';

/**
 * The basemap under the data, in the map's corner: an online style by URL (OpenFreeMap by default), a
 * PMTiles file opened once and kept in this browser, or none. Says quietly when a basemap cannot be drawn.
 */
export function BasemapPicker() {
  const { t } = useTranslation('map');
  const choice = usePlanner((s) => s.basemap);
  const status = usePlanner((s) => s.basemapStatus);
  const setBasemap = usePlanner((s) => s.actionSetBasemap);
  const [url, setUrl] = useState(choice.kind === 'style' ? choice.url : DEFAULT_STYLE_URL);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const useUrl = (e: FormEvent) => {
    e.preventDefault();
    const u = url.trim();
    if (!/^https?:\/\/\S+$/i.test(u)) { setFileError(t('badUrl')); return; }
    setFileError(null);
    setBasemap({ kind: 'style', url: u });
  };
  const openFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setFileError(null);
    try {
      await checkPmtiles(file);
      await keepPmtiles(file);
      setBasemap({ kind: 'pmtiles', name: file.name });
    } catch (e) {
      setFileError(t('badFile', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="basemap-picker" data-testid="basemap-picker">
      {/* the note is quiet: the folded control says only that the basemap is off */}
      <summary>{status.state === 'unavailable' ? t('basemapUnavailable') : t('basemap')}</summary>
      <fieldset>
        <legend className="sr-only">{t('basemap')}</legend>
        <label>
          <input type="radio" name="basemap" checked={choice.kind === 'style'} onChange={() => setBasemap({ kind: 'style', url: url.trim() || DEFAULT_STYLE_URL })} data-testid="basemap-online" />
          {t('online')}
        </label>
        <form onSubmit={useUrl} className="basemap-url">
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} aria-label={t('styleUrl')} data-testid="basemap-url" />
          <button type="submit" data-testid="basemap-url-use">{t('use')}</button>
        </form>
        <label>
          <input type="radio" name="basemap" checked={choice.kind === 'pmtiles'} onChange={() => setBasemap({ kind: 'pmtiles', name: '' })} data-testid="basemap-pmtiles" />
          {choice.kind === 'pmtiles' && choice.name ? t('fileKept', { name: choice.name }) : t('file')}
        </label>
        <label className="basemap-file">
          {t('openFile')}
          <input type="file" accept=".pmtiles" disabled={busy} onChange={(e) => void openFile(e.target.files?.[0])} data-testid="basemap-file" />
        </label>
        <label>
          <input type="radio" name="basemap" checked={choice.kind === 'none'} onChange={() => setBasemap({ kind: 'none' })} data-testid="basemap-none" />
          {t('none')}
        </label>
      </fieldset>
      {fileError && <p className="basemap-note" role="status">{fileError}</p>}
      {status.state === 'loading' && <p className="basemap-note">{t('loading')}</p>}
      {status.state === 'unavailable' && <p className="basemap-note" role="status" data-testid="basemap-unavailable">{t('unavailable', { detail: t(`reason_${status.detail ?? 'invalid'}`) })}</p>}
    </details>
  );
}
