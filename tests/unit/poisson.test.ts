import { poissonUpperTail } from '../../src/hotline/insight/poisson';

describe('Poisson upper tail', () => {
  it('matches known values', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    // P(X ≥ 5 | λ = 2) = 1 − Σ_{0..4} = 0.052653017...
    expect(poissonUpperTail(5, 2)).toBeCloseTo(0.0526530173, 8);
    // P(X ≥ 18 | λ = 0.2) ≈ e^-0.2 · 0.2^18 / 18! · (1 + 0.2/19 + …) = 3.388e-29, far in the tail.
    expect(poissonUpperTail(18, 0.2)).toBeGreaterThan(3.38e-29);
    expect(poissonUpperTail(18, 0.2)).toBeLessThan(3.40e-29);
  });
  it('is monotone in k and λ', () => {
    expect(poissonUpperTail(6, 2)).toBeLessThan(poissonUpperTail(5, 2));
    expect(poissonUpperTail(5, 3)).toBeGreaterThan(poissonUpperTail(5, 2));
  });
});
