import { ValidationError } from '@vigil/kernel';
import { defaultFiguresFrom, parseFiguresDate } from './figures-query';

describe('figures query dates', () => {
  it('reads a date as UTC midnight and a date-time as given', () => {
    expect(parseFiguresDate('2026-11-01', 'from').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseFiguresDate('2026-11-01T10:30:00Z', 'to').toISOString()).toBe('2026-11-01T10:30:00.000Z');
  });

  it.each(['2026-02-30', '2026-13-01', 'yesterday', '1 Nov 2026', '2026-11-01Tnoon'])('refuses %s, naming the field', (value) => {
    let caught: unknown;
    try {
      parseFiguresDate(value, 'from');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).field).toBe('from');
  });

  it('starts twelve months back by default', () => {
    expect(defaultFiguresFrom(new Date('2026-11-23T15:00:00Z')).toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(defaultFiguresFrom(new Date('2026-01-05T00:00:00Z')).toISOString()).toBe('2025-02-01T00:00:00.000Z');
  });
});
