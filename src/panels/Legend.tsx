import { CATCHMENT_COLOURS, DENSITY_COLOURS, FLAG_STYLES } from '../map/palette';
import { usePlanner } from './plannerContext';

/** Explains every colour on the map. */
export function Legend() {
  const mode = usePlanner((s) => s.mapMode);
  const level = usePlanner((s) => s.settings?.levels.find((l) => l.id === s.level)?.name ?? s.level);
  return (
    <details className="legend" open={typeof window === 'undefined' || window.innerWidth >= 1180} aria-label="Legend">
      <summary>Legend</summary>
      {mode === 'catchments' ? (
        <div>
          <strong>{level} catchments</strong>
          <div className="ramp">{CATCHMENT_COLOURS.slice(0, 6).map((c) => <span key={c} style={{ background: c }} />)}</div>
          <div className="muted">one colour per school's area (neighbours differ); darker = more children per km²; grey = no school of this level</div>
        </div>
      ) : mode === 'difference' ? (
        <div>
          <strong>{level}: differences from nearest-school zones</strong>
          <div className="ramp">{CATCHMENT_COLOURS.slice(0, 6).map((c) => <span key={c} style={{ background: c }} />)}</div>
          <div className="muted">coloured by school: areas the plan sends elsewhere than their nearest school; grey: areas at their nearest school; darker: locked areas</div>
        </div>
      ) : (
        <div>
          <strong>{level} children per km²</strong>
          <div className="ramp">{DENSITY_COLOURS.map((c) => <span key={c} style={{ background: c }} />)}</div>
          <div className="muted">fifths of the district's areas, lowest to highest</div>
        </div>
      )}
      <div className="legend-schools">
        <strong>Schools</strong> (size = enrollment; colour = worst flag)
        <ul>
          {FLAG_STYLES.map((f) => <li key={f.key}><span className="dot" style={{ background: f.colour }} />{f.label}</li>)}
          <li><span className="dot hollow" />Closed or proposed; faded: does not serve this level</li>
        </ul>
        <div className="muted">Lines: catchment outlines (bold: the selected school's); dashed: district context</div>
      </div>
    </details>
  );
}
