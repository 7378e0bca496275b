import { readDeclaredPlace } from './declared-location';

describe('readDeclaredPlace', () => {
  it.each([
    ['CA-ON', { country: 'CA', province: 'ON' }, 'province'],
    ['FR', { country: 'FR' }, 'country'],
    ['NL', { country: 'CA', province: 'NL' }, 'province'],
    ['pe', { country: 'CA', province: 'PE' }, 'province'],
    ['123 Rue Principale, Gatineau QC J8X 1A1', { country: 'CA', province: 'QC' }, 'postal-code'],
    ['Toronto, ON', { country: 'CA', province: 'ON' }, 'province'],
    ['Montréal', { country: 'CA', province: 'QC' }, 'city'],
    ['somewhere near Saskatoon', { country: 'CA', province: 'SK' }, 'city'],
    ['Colombie-Britannique', { country: 'CA', province: 'BC' }, 'province'],
    ['Île-du-Prince-Édouard', { country: 'CA', province: 'PE' }, 'province'],
    ['Nunavut', { country: 'CA', province: 'NU' }, 'province'],
    ['Canada', { country: 'CA' }, 'country'],
    ['Lyon, France', { country: 'FR' }, 'country'],
    ['Berlin, Allemagne', { country: 'DE' }, 'country'],
    ['Port Moresby, Papua New Guinea', { country: 'PG' }, 'country'],
    ['Juba, South Sudan', { country: 'SS' }, 'country'],
    ['Seattle, Washington', { country: 'US' }, 'foreign-region'],
    ['London, Ontario, Canada', { country: 'CA', province: 'ON' }, 'province'],
    ['Paris, Ontario', { country: 'CA', province: 'ON' }, 'province'],
    ['Ontario, California, USA', { country: 'US' }, 'country'],
  ])('%s → %j (%s)', (text, jurisdiction, precision) => {
    expect(readDeclaredPlace(text)).toMatchObject({ jurisdiction, precision });
  });

  it.each(['', 'somewhere over the rainbow', 'Los Angeles, CA', 'Atlanta, Georgia', 'London'])('reads nothing from %j rather than guess', (text) => {
    expect(readDeclaredPlace(text)).toBeUndefined();
  });
});
