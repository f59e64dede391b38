import { useTranslation } from 'react-i18next';
import { formatCount as count, formatDistance as km } from '../i18n/format';
import { usePlanner } from './plannerContext';

/** What is under the pointer: a unit's children per level, its school and the distance. */
export function HoverInfo() {
  const { t } = useTranslation('legend');
  const unit = usePlanner((s) => s.hoveredUnit);
  const ds = usePlanner((s) => s.dataset);
  const results = usePlanner((s) => s.results);
  const levels = usePlanner((s) => s.settings?.levels);
  if (unit === null || !ds || !results || !levels) return null;
  return (
    <div className="hover-info" role="status" aria-live="off" data-testid="hover-info">
      <strong>{ds.units.ids ? ds.units.ids[unit] : t('unit', { n: unit })}</strong>
      <table><tbody>
        {levels.map((l) => {
          const a = results.assignments.find((x) => x.level === l.id);
          const s = a ? a.schoolByUnit[unit] : undefined;
          const assigned = a && s !== undefined && s !== a.noSchool;
          const children = ds.units.childrenByLevel[l.id]?.[unit];
          return (
            <tr key={l.id}>
              <th scope="row">{t(`common:level.${l.id}`, { defaultValue: l.name })}</th>
              <td>{t('children', { count: Number.isFinite(children) ? Math.round(children!) : 0, n: count(children) })}</td>
              <td>{assigned ? t('schoolAt', { school: ds.schools.names[s!], distance: km(a!.distanceByUnit[unit]) }) : t('noSchool')}</td>
            </tr>
          );
        })}
      </tbody></table>
    </div>
  );
}
