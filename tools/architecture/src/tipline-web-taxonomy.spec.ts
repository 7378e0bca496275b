import { INCIDENT_TYPES, OFFENCE_CATEGORIES, PRIORITY_LEVELS } from '@vigil/reports';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The tipline web app repeats the reports context's taxonomy (a type:web project may import
 * no domain code), so this spec keeps the copy honest. It lives here because the web app's own
 * specs may not import @vigil/reports, and a tool may not import an app by path: the web
 * module is loaded by its file name instead.
 */
const root = resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const web = require(resolve(root, 'apps/tipline-web/src/taxonomy')) as {
  INCIDENT_TYPES: readonly string[];
  OFFENCE_CATEGORIES: readonly string[];
  OFFENCE_LABEL_KEYS: Record<string, string>;
  PRIORITY_LEVELS: readonly string[];
};
const locale = (language: string) => JSON.parse(readFileSync(resolve(root, `apps/tipline-web/src/locales/${language}.json`), 'utf8')) as Record<string, Record<string, string>>;

describe('the tipline web app’s taxonomy', () => {
  it('lists the same incident types as libs/reports, in the same order', () => {
    expect(web.INCIDENT_TYPES).toEqual(INCIDENT_TYPES);
  });

  it('lists the same Criminal Code offence categories as libs/reports, in the same order', () => {
    expect(web.OFFENCE_CATEGORIES).toEqual(OFFENCE_CATEGORIES.map((category) => category.code));
  });

  it('lists the same priority levels as libs/reports', () => {
    expect(web.PRIORITY_LEVELS).toEqual(PRIORITY_LEVELS);
  });

  it.each(['en', 'fr'])('labels every incident type and offence category in %s', (language) => {
    const strings = locale(language);
    expect(INCIDENT_TYPES.filter((type) => !strings.incidentTypes?.[type])).toEqual([]);
    const unlabelled = OFFENCE_CATEGORIES.map((category) => category.code).filter((code) => {
      const [group, key] = (web.OFFENCE_LABEL_KEYS[code] ?? '').split('.');
      return !strings[group]?.[key];
    });
    expect(unlabelled).toEqual([]);
  });
});
