import { blankStrings, localeKeys } from '../locale-keys';
import en from './en.json';
import fr from './fr.json';

describe('shared UI strings', () => {
  it('has the same keys in English and French', () => {
    expect(localeKeys(fr)).toEqual(localeKeys(en));
  });

  it('leaves no string blank in either language', () => {
    expect(blankStrings(en)).toEqual([]);
    expect(blankStrings(fr)).toEqual([]);
  });
});
