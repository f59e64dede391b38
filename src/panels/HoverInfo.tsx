import { count, km } from './format';
import { usePlanner } from './plannerContext';

/** What is under the pointer: a unit's children per level, its school and the distance. */
export function HoverInfo() {
  const unit = usePlanner((s) => s.hoveredUnit);
  const ds = usePlanner((s) => s.dataset);
  const results = usePlanner((s) => s.results);
  const levels = usePlanner((s) => s.settings?.levels);
  if (unit === null || !ds || !results || !levels) return null;
  return (
    <div className="hover-info" role="status" aria-live="off">
      <strong>{ds.units.ids ? ds.units.ids[unit] : `unit ${unit}`}</strong>
      <table><tbody>
        {levels.map((l) => {
          const a = results.assignments.find((x) => x.level === l.id);
          const s = a ? a.schoolByUnit[unit] : undefined;
          const assigned = a && s !== undefined && s !== a.noSchool;
          return (
            <tr key={l.id}>
              <th scope="row">{l.name}</th>
              <td>{count(ds.units.childrenByLevel[l.id]?.[unit])} children</td>
              <td>{assigned ? `${ds.schools.names[s!]}, ${km(a!.distanceByUnit[unit])}` : 'no school'}</td>
            </tr>
          );
        })}
      </tbody></table>
    </div>
  );
}
