import { randomBytes } from 'node:crypto';
import { cityOf, correlationKey } from '../../connectors/petition/correlation';
import { petitionCategoryOf } from '../../connectors/petition/mapping';

/** The petition correlation key: matches across spellings of one identifier, reveals none. */
describe('petition correlation key', () => {
  const secret = randomBytes(32);
  const base = { region: '141102', regionPath: ['140000', '141100', '141102'], categoryCode: '0104', occurredAt: new Date('2026-11-27T02:00:00Z') };

  it('is the same for every spelling of the same phone and ID number, and differs for another person', () => {
    const a = correlationKey(secret, { ...base, phone: '+86 139-1234-0000', idNumber: '14110219800101001x' }, 180);
    const b = correlationKey(secret, { ...base, phone: '13912340000', idNumber: '14110219800101001X' }, 180);
    const other = correlationKey(secret, { ...base, phone: '13912340001' }, 180);
    expect(a.keys).toEqual(b.keys);
    expect(a.keys.phone).toMatch(/^[0-9a-f]{64}$/);
    expect(other.keys.phone).not.toBe(a.keys.phone);
  });

  it('depends on the shared secret: without it the key cannot be recomputed from a guessed number', () => {
    const a = correlationKey(secret, { ...base, phone: '13912340000' }, 180);
    const b = correlationKey(randomBytes(32), { ...base, phone: '13912340000' }, 180);
    expect(b.keys.phone).not.toBe(a.keys.phone);
  });

  it('carries the city, the petition category and the window — never the identifiers', () => {
    const key = correlationKey(secret, { ...base, phone: '13912340000', idNumber: '141102198001010019' }, 30);
    expect(key).toMatchObject({ region: '141100', category: 'XF-CXJS', window: { from: '2026-10-28T02:00:00.000Z', to: '2026-11-27T02:00:00.000Z' } });
    const wire = JSON.stringify(key);
    expect(wire).not.toContain('13912340000');
    expect(wire).not.toContain('141102198001010019');
    expect(wire).not.toContain('1234');
  });

  it('maps the hotline catalog onto petition categories, and regions onto their city', () => {
    expect(petitionCategoryOf('0801')).toBe('XF-GYSY');
    expect(petitionCategoryOf('9999')).toBe('XF-QT');
    expect(cityOf(['140000', '140100', '140105'], '140105')).toBe('140100');
    expect(cityOf([], '141181')).toBe('141100');
  });
});
