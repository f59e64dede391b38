import { count, km, one, percent } from './format';
import { usePlanner } from './plannerContext';

/**
 * The schools the last stroke touched, with their numbers as they are now: read from the running
 * totals, so they change within the frame of each brush movement.
 */
export function ChangeList() {
  usePlanner((s) => s.paint.version);
  const changes = usePlanner((s) => s.strokeChanges);
  const ds = usePlanner((s) => s.dataset);
  const tallies = usePlanner((s) => s.tallies);
  const level = usePlanner((s) => s.level);
  const edits = usePlanner((s) => s.edits);
  if (!changes || changes.size === 0 || !ds || !tallies?.[level]) return null;
  const t = tallies[level];
  const rows = [...changes.entries()].filter(([, d]) => Math.abs(d) > 1e-9).sort((a, b) => a[1] - b[1]);
  return (
    <div className="change-list" aria-label="Changes of the last stroke">
      <strong>Last stroke</strong>
      <table>
        <thead><tr><th scope="col">School</th><th scope="col">Change</th><th scope="col">Children</th><th scope="col">Use</th><th scope="col">Class</th><th scope="col">Mean dist.</th></tr></thead>
        <tbody>
          {rows.map(([s, d]) => {
            const capacity = edits[ds.schools.ids[s]]?.capacity ?? ds.schools.capacity[s];
            const classrooms = edits[ds.schools.ids[s]]?.classrooms ?? ds.schools.classrooms[s];
            const children = Math.max(0, t.children[s]);
            return (
              <tr key={s} data-testid={`change-${ds.schools.ids[s]}`}>
                <td>{ds.schools.names[s]}</td>
                <td className={d > 0 ? 'gain num' : 'loss num'}>{d > 0 ? '+' : '−'}{count(Math.abs(d))}</td>
                <td className="num" data-testid={`live-children-${ds.schools.ids[s]}`}>{count(children)}</td>
                <td className="num">{capacity && capacity > 0 ? percent(children / capacity) : '–'}</td>
                <td className="num">{classrooms && classrooms > 0 ? one(children / classrooms) : '–'}</td>
                <td className="num">{km(children > 0 ? t.distanceSum[s] / t.children[s] : NaN)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
