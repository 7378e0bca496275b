import { blankStrings, localeKeys } from '@vigil/web-ui/locale-keys';
import sharedEn from '@vigil/web-ui/locales/en.json';
import { keysUsedInSources } from '@vigil/test-fixtures';
import { join } from 'node:path';
import en from './en.json';
import fr from './fr.json';

describe('tipline web app strings', () => {
  it('has the same keys in English and French', () => {
    expect(localeKeys(fr)).toEqual(localeKeys(en));
  });

  it('leaves no string blank in either language', () => {
    expect(blankStrings(en)).toEqual([]);
    expect(blankStrings(fr)).toEqual([]);
  });

  it('defines every key the pages use, here or in the shared library', () => {
    // A plural string is defined as key_one, key_other…, and used as key (with a count).
    const keys = [...localeKeys(en), ...localeKeys(sharedEn)];
    const defined = new Set([...keys, ...keys.map((key) => key.replace(/_(zero|one|two|few|many|other)$/, ''))]);
    const used = keysUsedInSources(join(__dirname, '..'));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((key) => !defined.has(key))).toEqual([]);
  });

  it('uses no top-level key that the shared library already defines', () => {
    expect(Object.keys(en).filter((key) => key in sharedEn)).toEqual([]);
  });
});
