/** Interface text of the public lookup: whole message templates per language, never pieced together. */
export const LANGUAGES = { en: 'English', 'zh-CN': '简体中文', es: 'Español' } as const;
export type Lang = keyof typeof LANGUAGES;

const en = {
  title: 'Find your school',
  intro: 'Type an address or place, use your location, tap the map or paste coordinates.',
  searchLabel: 'Address or place',
  searchPlaceholder: 'e.g. a street, neighbourhood or school',
  useLocation: 'Use my location',
  locating: 'Finding your location…',
  locationFailed: 'Your location is not available ({reason}).',
  coordinatesLabel: 'Coordinates (latitude, longitude)',
  show: 'Show',
  badCoordinates: '“{text}” is not a pair of coordinates, e.g. 55.953, -3.172.',
  noMatch: 'No place called “{query}” in this plan’s list. Try a street or neighbourhood, or tap the map.',
  several: '{count} places match: choose one.',
  answerHeading: 'The school for this point',
  assigned: '{level}: {school}',
  distance: '{distance} in a straight line',
  beyond: 'Farther than the {standard} distance standard',
  within: 'Within the {standard} distance standard',
  noZone: '{level}: this point is outside every zone of the plan.',
  outside: 'This point is outside the area of the plan.',
  note: 'Note from the planners',
  published: '{title}, published {date}',
  share: 'Link to this answer',
  copy: 'Copy link',
  copied: 'Link copied',
  language: 'Language',
  mapLabel: 'Map of school zones; tap to look up a point',
  showZone: 'Zone shown on the map',
  loading: 'Loading the plan…',
  planRefused: 'This link asks for a plan from a source this page does not trust, so nothing from it is shown. Ask the planners for the official link.',
  planUnavailable: 'The published plan could not be loaded. Check your connection and try again, or ask the planners for the official link.',
  planInvalid: 'The published plan is damaged or incomplete, so it cannot be shown. Please tell the planners who published it.',
  problemsHeading: 'Details for the planners',
  problem_format: '{path}: not a published plan this page can read',
  problem_missing: '{path}: missing',
  problem_type: '{path}: wrong kind of value',
  problem_empty: '{path}: empty',
  problem_duplicate: '{path}: used twice',
  problem_date: '{path}: not a valid date',
  problem_bbox: '{path}: not a valid map extent (west, south, east, north)',
  problem_range: '{path}: out of range',
  problem_school: '{path}: names a school that is not in the list',
  problem_geometry: '{path}: not a valid zone shape',
  kind_school: 'school', kind_address: 'street', kind_postcode: 'postcode', kind_area: 'neighbourhood', kind_place: 'area',
  problem_geocoder: '{path}: not a usable address service',
  kind_geocoded: 'address', addressSearching: 'Searching addresses…', addressUnavailable: 'Address search unavailable: the places of the plan still work.',
  attributionData: 'Places: this plan', attributionGeocoder: 'Addresses: {provider}',
};
export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  title: '查找您的学校',
  intro: '输入地址或地名、使用您的位置、点击地图或粘贴坐标。',
  searchLabel: '地址或地名',
  searchPlaceholder: '例如街道、社区或学校',
  useLocation: '使用我的位置',
  locating: '正在获取您的位置…',
  locationFailed: '无法获取您的位置（{reason}）。',
  coordinatesLabel: '坐标（纬度，经度）',
  show: '显示',
  badCoordinates: '“{text}”不是一对坐标，例如 55.953, -3.172。',
  noMatch: '本方案的地名列表中没有“{query}”。请尝试街道或社区名称，或点击地图。',
  several: '有 {count} 个地点匹配，请选择一个。',
  answerHeading: '该地点对应的学校',
  assigned: '{level}：{school}',
  distance: '直线距离 {distance}',
  beyond: '超出 {standard} 的距离标准',
  within: '在 {standard} 的距离标准之内',
  noZone: '{level}：该地点不在方案的任何学区内。',
  outside: '该地点不在方案范围内。',
  note: '规划人员的说明',
  published: '{title}，发布于 {date}',
  share: '此结果的链接',
  copy: '复制链接',
  copied: '链接已复制',
  language: '语言',
  mapLabel: '学区地图；点击地图查询某一地点',
  showZone: '地图上显示的学区',
  loading: '正在加载方案…',
  planRefused: '此链接要求显示来自本页面不信任的来源的方案，因此不显示其中任何内容。请向规划人员索取官方链接。',
  planUnavailable: '无法加载已发布的方案。请检查网络连接后重试，或向规划人员索取官方链接。',
  planInvalid: '已发布的方案已损坏或不完整，无法显示。请告知发布该方案的规划人员。',
  problemsHeading: '供规划人员参考的详细信息',
  problem_format: '{path}：不是本页面可以读取的已发布方案',
  problem_missing: '{path}：缺失',
  problem_type: '{path}：值的类型不正确',
  problem_empty: '{path}：为空',
  problem_duplicate: '{path}：重复使用',
  problem_date: '{path}：不是有效日期',
  problem_bbox: '{path}：不是有效的地图范围（西、南、东、北）',
  problem_range: '{path}：超出范围',
  problem_school: '{path}：指向不在列表中的学校',
  problem_geometry: '{path}：不是有效的学区形状',
  kind_school: '学校', kind_address: '街道', kind_postcode: '邮编', kind_area: '社区', kind_place: '地区',
  problem_geocoder: '{path}：不是可用的地址查询服务',
  kind_geocoded: '地址', addressSearching: '正在查询地址…', addressUnavailable: '地址查询暂不可用；本方案中的地名仍可查询。',
  attributionData: '地名：本方案', attributionGeocoder: '地址：{provider}',
};

const es: Record<MessageKey, string> = {
  title: 'Encuentre su escuela',
  intro: 'Escriba una dirección o un lugar, use su ubicación, toque el mapa o pegue unas coordenadas.',
  searchLabel: 'Dirección o lugar',
  searchPlaceholder: 'p. ej. una calle, un barrio o una escuela',
  useLocation: 'Usar mi ubicación',
  locating: 'Buscando su ubicación…',
  locationFailed: 'Su ubicación no está disponible ({reason}).',
  coordinatesLabel: 'Coordenadas (latitud, longitud)',
  show: 'Mostrar',
  badCoordinates: '«{text}» no es un par de coordenadas, p. ej. 55.953, -3.172.',
  noMatch: 'Ningún lugar llamado «{query}» en la lista de este plan. Pruebe con una calle o un barrio, o toque el mapa.',
  several: 'Coinciden {count} lugares: elija uno.',
  answerHeading: 'La escuela de este punto',
  assigned: '{level}: {school}',
  distance: '{distance} en línea recta',
  beyond: 'Más lejos que la norma de distancia de {standard}',
  within: 'Dentro de la norma de distancia de {standard}',
  noZone: '{level}: este punto está fuera de todas las zonas del plan.',
  outside: 'Este punto está fuera del área del plan.',
  note: 'Nota de los planificadores',
  published: '{title}, publicado el {date}',
  share: 'Enlace a esta respuesta',
  copy: 'Copiar enlace',
  copied: 'Enlace copiado',
  language: 'Idioma',
  mapLabel: 'Mapa de zonas escolares; toque para consultar un punto',
  showZone: 'Zona mostrada en el mapa',
  loading: 'Cargando el plan…',
  planRefused: 'Este enlace pide un plan de una fuente en la que esta página no confía, así que no se muestra nada de él. Pida el enlace oficial a los planificadores.',
  planUnavailable: 'No se pudo cargar el plan publicado. Compruebe su conexión y vuelva a intentarlo, o pida el enlace oficial a los planificadores.',
  planInvalid: 'El plan publicado está dañado o incompleto, así que no se puede mostrar. Avise a los planificadores que lo publicaron.',
  problemsHeading: 'Detalles para los planificadores',
  problem_format: '{path}: no es un plan publicado que esta página pueda leer',
  problem_missing: '{path}: falta',
  problem_type: '{path}: tipo de valor incorrecto',
  problem_empty: '{path}: vacío',
  problem_duplicate: '{path}: repetido',
  problem_date: '{path}: no es una fecha válida',
  problem_bbox: '{path}: no es una extensión de mapa válida (oeste, sur, este, norte)',
  problem_range: '{path}: fuera de rango',
  problem_school: '{path}: remite a una escuela que no está en la lista',
  problem_geometry: '{path}: no es una forma de zona válida',
  kind_school: 'escuela', kind_address: 'calle', kind_postcode: 'código postal', kind_area: 'barrio', kind_place: 'zona',
  problem_geocoder: '{path}: no es un servicio de direcciones utilizable',
  kind_geocoded: 'dirección', addressSearching: 'Buscando direcciones…', addressUnavailable: 'La búsqueda de direcciones no está disponible; los lugares del plan siguen funcionando.',
  attributionData: 'Lugares: este plan', attributionGeocoder: 'Direcciones: {provider}',
};

const CATALOG: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zh, es };

/** Level names in the public view (the plan's own names are in English). */
export const LEVEL_NAMES: Record<Lang, Record<string, string>> = {
  en: { primary: 'Primary', junior: 'Junior secondary', secondary: 'Secondary' },
  'zh-CN': { primary: '小学', junior: '初中', secondary: '中学' },
  es: { primary: 'Primaria', junior: 'Secundaria básica', secondary: 'Secundaria' },
};

/** The message in a language with its {placeholders} filled. */
export function t(lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string {
  return CATALOG[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/** The best supported language for the browser's preferences. */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const p of preferred) {
    const l = p.toLowerCase();
    if (l.startsWith('zh')) return 'zh-CN';
    if (l.startsWith('es')) return 'es';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

export function formatDistance(lang: Lang, m: number): string {
  const nf = new Intl.NumberFormat(lang, { maximumFractionDigits: m < 1000 ? 0 : 1 });
  return m < 1000 ? `${nf.format(Math.round(m / 10) * 10)} m` : `${nf.format(m / 1000)} km`;
}
