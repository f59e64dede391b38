import { i18n } from '../i18n/i18n';

/**
 * A message the store keeps as a catalogue key and its parameters, not as text: it is said in the
 * language of the moment it is shown, so switching the language changes notices already on screen.
 */
export interface Said { key: string; params: Record<string, string | number> }

export const said = (key: string, params: Said['params'] = {}): Said => ({ key, params });

/** The words of a message in the current language. */
export const sayText = (s: Said): string => i18n.t(s.key, s.params);
