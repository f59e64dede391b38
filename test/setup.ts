// Components under test read their text through i18next, as in the app: initialise it once per test file.
import '../src/i18n/i18n';
