import { count, km, one, percent } from './format';
import { usePlanner } from './plannerContext';

/**
 * The schools the last stroke touched, with their numbers as they are now: read from the running
 * totals, so they change within the frame of each brush movement.
 */
export function ChangeList() {
  usePlanner((s) => s.paint.version);
  const changes = usePlanner((s) => s.strokeChanges);
  // the schools after corrections and layout actions: the index space the painter and the totals use
  const sv = usePlanner((s) => s.results?.schools ?? null);
  const tallies = usePlanner((s) => s.tallies);
  const level = usePlanner((s) => s.level);
  if (!changes || changes.size === 0 || !sv || !tallies?.[level]) return null;
  const t = tallies[level];
  const rows = [...changes.entries()].filter(([, d]) => Math.abs(d) > 1e-9).sort((a, b) => a[1] - b[1]);
  return (
    <div className="change-list" aria-label="Changes of the last stroke">
      <strong>Last stroke</strong>
      <table>
        <thead><tr><th scope="col">School</th><th scope="col">Change</th><th scope="col">Children</th><th scope="col" title="catchment children / capacity (the school panel also shows use by enrollment)">Use (demand)</th><th scope="col" title="catchment children / classrooms">Per class (demand)</th><th scope="col">Mean dist.</th></tr></thead>
        <tbody>
          {rows.map(([s, d]) => {
            const capacity = sv.capacity[s];
            const classrooms = sv.classrooms[s];
            const children = Math.max(0, t.children[s]);
            return (
              <tr key={s} data-testid={`change-${sv.ids[s]}`}>
                <td>{sv.names[s]}</td>
                <td className={d > 0 ? 'gain num' : 'loss num'}>{d > 0 ? '+' : '−'}{count(Math.abs(d))}</td>
                <td className="num" data-testid={`live-children-${sv.ids[s]}`}>{count(children)}</td>
                <td className="num">{capacity > 0 ? percent(children / capacity) : 'not assessed'}</td>
                <td className="num">{classrooms > 0 ? one(children / classrooms) : 'not assessed'}</td>
                <td className="num">{km(children > 0 ? t.distanceSum[s] / t.children[s] : NaN)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
