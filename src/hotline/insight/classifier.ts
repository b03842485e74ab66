/**
 * A multinomial naive Bayes classifier over jieba tokens (a linear model in log space): small,
 * fast to train on the hub's own closed cases, and explainable. Add-one smoothing; the vocabulary is
 * capped to the most frequent tokens so the model stays a few hundred kilobytes.
 */
export type NaiveBayes = {
  labels: string[];
  /** log P(label) */
  priors: number[];
  vocabulary: string[];
  /** log P(token | label), [label][token] */
  likelihoods: number[][];
  /** log P(unseen token | label) */
  unseen: number[];
};

export type Prediction = { label: string; confidence: number };

export function trainNaiveBayes(samples: { tokens: string[]; label: string }[], vocabularySize = 4000): NaiveBayes {
  const frequency = new Map<string, number>();
  for (const s of samples) for (const t of new Set(s.tokens)) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const vocabulary = [...frequency.entries()]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, vocabularySize)
    .map(([t]) => t);
  const index = new Map(vocabulary.map((t, i) => [t, i]));
  const labels = [...new Set(samples.map((s) => s.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => new Array<number>(vocabulary.length).fill(0));
  const totals = labels.map(() => 0);
  const docs = labels.map(() => 0);
  for (const s of samples) {
    const l = labelIndex.get(s.label)!;
    docs[l]!++;
    for (const t of s.tokens) {
      const i = index.get(t);
      if (i === undefined) continue;
      counts[l]![i]!++;
      totals[l]!++;
    }
  }
  const v = vocabulary.length;
  return {
    labels,
    priors: docs.map((d) => Math.log(d / samples.length)),
    vocabulary,
    likelihoods: counts.map((row, l) => row.map((c) => round(Math.log((c + 1) / (totals[l]! + v))))),
    unseen: totals.map((t) => Math.log(1 / (t + v))),
  };
}

/** Labels ranked by posterior probability (softmax of the log scores). */
export function predict(model: NaiveBayes, tokens: string[], top = 3): Prediction[] {
  const index = new Map(model.vocabulary.map((t, i) => [t, i]));
  const known = tokens.map((t) => index.get(t)).filter((i): i is number => i !== undefined);
  const scores = model.labels.map((_, l) => known.reduce((s, i) => s + model.likelihoods[l]![i]!, model.priors[l]!));
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return model.labels
    .map((label, l) => ({ label, confidence: Math.round((exp[l]! / sum) * 1000) / 1000 }))
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, top);
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
