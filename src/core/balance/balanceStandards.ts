/**
 * The county balance evaluations as data: which per-school resources are compared, on what scale,
 * against which thresholds. Sources: 教督〔2012〕3号 (basic balance: 8 indicators, composite CV = mean
 * of the single CVs, primary <= 0.65, junior <= 0.55) and 教督〔2017〕6号 (high-quality balance: 7
 * indicators, every CV <= 0.50 primary / 0.45 junior, each school meeting 6 of 7 standards with the
 * rest at 85% or more; teaching points under 50 pupils left out), as summarised in DOMAIN.md B.4/B.5.
 * Every number here is a default a district can replace in its settings.
 */

/** One resource compared across schools. */
export interface BalanceIndicator {
  id: string;
  name: { en: string; zh: string; es: string };
  /** school columns that hold the resource, first found wins (matched like other columns: any case) */
  columns: string[];
  /** 1 = per pupil, 100 = per 100 pupils */
  per: 1 | 100;
  unit: string;
  /** a movable resource (teachers) can be rotated between schools in the what-if */
  movable?: boolean;
  /** what a merger does with it: staff move with the staff setting, buildings with the campus, goods always */
  kind?: 'staff' | 'building' | 'goods';
  /** per-school standard per level (2017 set) */
  standard?: Record<string, number>;
}

export interface BalanceStandard {
  id: string;
  name: string;
  source: string;
  indicators: BalanceIndicator[];
  /** CV limit per level, per indicator ('each') or for the mean of the indicators ('composite') */
  cvMax: Record<string, number>;
  rule: 'composite' | 'each';
  /** per-school rule: at least this many standards met, the rest at least this share of the standard */
  perSchool?: { minMet: number; restMinShare: number };
  /** schools (teaching points) with fewer pupils are left out of the evaluation */
  excludeBelowPupils?: number;
}

const ind = (id: string, en: string, zh: string, es: string, columns: string[], per: 1 | 100, unit: string, extra: Partial<BalanceIndicator> = {}): BalanceIndicator => ({ id, name: { en, zh, es }, columns, per, unit, ...extra });

export const BALANCE_STANDARDS: Record<string, BalanceStandard> = {
  basic2012: {
    id: 'basic2012', name: 'Basic balance (2012)', source: '教督〔2012〕3号; DOMAIN.md B.4',
    rule: 'composite', cvMax: { primary: 0.65, junior: 0.55 },
    indicators: [
      ind('teaching_space', 'teaching and auxiliary space per pupil', '生均教学及辅助用房面积', 'superficie docente por alumno', ['teaching_space_m2', 'teaching_area_m2'], 1, 'm²', { kind: 'building' }),
      ind('sports_ground', 'sports ground per pupil', '生均体育运动场馆面积', 'superficie deportiva por alumno', ['sports_ground_m2', 'sports_area_m2'], 1, 'm²', { kind: 'building' }),
      ind('equipment', 'equipment value per pupil', '生均教学仪器设备值', 'valor del equipamiento por alumno', ['equipment_value', 'equipment_yuan'], 1, '元', { kind: 'goods' }),
      ind('computers', 'computers per 100 pupils', '每百名学生拥有计算机台数', 'computadoras por 100 alumnos', ['computers'], 100, 'computers', { kind: 'goods' }),
      ind('books', 'books per pupil', '生均图书册数', 'libros por alumno', ['books'], 1, 'books', { kind: 'goods' }),
      ind('teachers', 'teachers per 100 pupils', '师生比', 'docentes por 100 alumnos', ['teachers', 'fte_teachers'], 100, 'teachers', { movable: true, kind: 'staff' }),
      ind('qualified_teachers', 'teachers above the required qualification per 100 pupils', '生均高于规定学历教师数', 'docentes con titulación superior por 100 alumnos', ['teachers_above_qualification', 'qualified_teachers'], 100, 'teachers', { movable: true, kind: 'staff' }),
      ind('senior_teachers', 'mid- or senior-title teachers per 100 pupils', '生均中级及以上专业技术职务教师数', 'docentes de categoría media o superior por 100 alumnos', ['senior_title_teachers', 'senior_teachers'], 100, 'teachers', { movable: true, kind: 'staff' }),
    ],
  },
  quality2017: {
    id: 'quality2017', name: 'High-quality balance (2017)', source: '教督〔2017〕6号; DOMAIN.md B.5',
    rule: 'each', cvMax: { primary: 0.5, junior: 0.45 }, perSchool: { minMet: 6, restMinShare: 0.85 }, excludeBelowPupils: 50,
    indicators: [
      ind('qualified_teachers', 'teachers above the required qualification per 100 pupils', '每百名学生拥有高于规定学历教师数', 'docentes con titulación superior por 100 alumnos', ['teachers_above_qualification', 'qualified_teachers'], 100, 'teachers', { movable: true, kind: 'staff', standard: { primary: 4.2, junior: 5.3 } }),
      ind('key_teachers', 'county-level key teachers per 100 pupils', '每百名学生拥有县级及以上骨干教师数', 'docentes destacados por 100 alumnos', ['key_teachers'], 100, 'teachers', { movable: true, kind: 'staff', standard: { primary: 1.0, junior: 1.0 } }),
      ind('pe_art_teachers', 'PE and art teachers per 100 pupils', '每百名学生拥有体育、艺术专任教师数', 'docentes de educación física y arte por 100 alumnos', ['pe_art_teachers'], 100, 'teachers', { movable: true, kind: 'staff', standard: { primary: 0.9, junior: 0.9 } }),
      ind('teaching_space', 'teaching and auxiliary space per pupil', '生均教学及辅助用房面积', 'superficie docente por alumno', ['teaching_space_m2', 'teaching_area_m2'], 1, 'm²', { kind: 'building', standard: { primary: 4.5, junior: 5.8 } }),
      ind('sports_ground', 'sports ground per pupil', '生均体育运动场馆面积', 'superficie deportiva por alumno', ['sports_ground_m2', 'sports_area_m2'], 1, 'm²', { kind: 'building', standard: { primary: 7.5, junior: 10.2 } }),
      ind('equipment', 'equipment value per pupil', '生均教学仪器设备值', 'valor del equipamiento por alumno', ['equipment_value', 'equipment_yuan'], 1, '元', { kind: 'goods', standard: { primary: 2000, junior: 2500 } }),
      ind('multimedia_rooms', 'multimedia classrooms per 100 pupils', '每百名学生拥有网络多媒体教室数', 'aulas multimedia por 100 alumnos', ['multimedia_classrooms', 'multimedia_rooms'], 100, 'rooms', { kind: 'building', standard: { primary: 2.3, junior: 2.4 } }),
    ],
  },
  /** what most data sets have: teachers, classrooms and places per pupil (a district's own set) */
  resources: {
    id: 'resources', name: 'Teachers, classrooms and places', source: 'the data set\'s own columns',
    rule: 'each', cvMax: { primary: 0.5, junior: 0.45, secondary: 0.45 },
    indicators: [
      ind('teachers', 'teachers per 100 pupils', '每百名学生教师数', 'docentes por 100 alumnos', ['teachers', 'fte_teachers'], 100, 'teachers', { movable: true, kind: 'staff' }),
      ind('classrooms', 'classrooms per 100 pupils', '每百名学生教室数', 'aulas por 100 alumnos', ['classrooms'], 100, 'classrooms', { kind: 'building' }),
      ind('places', 'places per pupil', '生均学位数', 'plazas por alumno', ['capacity'], 1, 'places', { kind: 'building' }),
    ],
  },
};
