/**
 * P(X ≥ k) for X ~ Poisson(λ): the chance of seeing at least `k` cases where `λ` are expected.
 * A hotspot is a place and category whose count would be this unlikely under its own baseline.
 * Summed in log space so large counts do not overflow.
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // P(X ≥ k) = 1 − Σ_{i<k} e^{−λ} λ^i / i!
  let term = Math.exp(-lambda);
  let cdf = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    cdf += term;
    if (term < 1e-300 && i > lambda) break;
  }
  if (cdf < 0.999_999) return Math.max(0, 1 - cdf);
  // Far in the tail: sum the tail directly for precision.
  let logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
  let tail = 0;
  for (let i = k; i < k + 1000; i++) {
    tail += Math.exp(logTerm);
    logTerm += Math.log(lambda) - Math.log(i + 1);
    if (Math.exp(logTerm) < tail * 1e-12) break;
  }
  return tail;
}

function logFactorial(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i++) sum += Math.log(i);
  return sum;
}
