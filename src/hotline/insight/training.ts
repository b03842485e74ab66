import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '../../platform/db/orm';
import { conflict } from '../../platform/graphql/errors';
import { CaseEntity, IntakeModelEntity, type IntakeModel } from '../entities';
import { tokenize } from '../text';
import { predict, trainNaiveBayes, type NaiveBayes } from './classifier';

export type IntakeModels = { category: NaiveBayes; type: NaiveBayes; urgency: NaiveBayes };

export type TrainingReport = {
  samples: number;
  trainSamples: number;
  testSamples: number;
  /** Top-1 accuracy on the held-out split, and the majority-class baseline it must beat. */
  accuracy: Record<'category' | 'categoryTop3' | 'type' | 'urgency', number>;
  baseline: Record<'category' | 'type' | 'urgency', number>;
};

/**
 * Trains the intake classifiers (category, type, urgency) on the hub's own closed cases and reports
 * their accuracy on a held-out 20 % split — chosen by a hash of the wording (address left out), so
 * the split is stable across runs and a phrasing stays on one side — against the majority-class baseline. The model and its report are stored; the
 * newest model is the one `suggestIntake` uses.
 */
export async function trainIntakeModel(em: EntityManager, now: Date, maxSamples = 20_000): Promise<{ model: IntakeModel; report: TrainingReport }> {
  const cases = await em.find(CaseEntity, { status: 'CLOSED', categoryCode: { $ne: null } }, { fields: ['id', 'title', 'description', 'address', 'categoryCode', 'type', 'urgency'], orderBy: { createdAt: 'desc' }, limit: maxSamples });
  if (cases.length < 50) throw conflict(`not enough closed cases to train on (${cases.length}; at least 50)`);
  const samples = cases.map((c) => ({ wording: c.address ? c.description.replaceAll(c.address, '') : c.description, tokens: tokenize(`${c.title} ${c.description}`), category: c.categoryCode!, type: c.type, urgency: c.urgency }));
  // Split by the wording, address left out (≈ 20 % held out): a phrasing never sits on both sides,
  // so repeated or templated reports cannot inflate the accuracy.
  const isTest = (s: { wording: string }) => createHash('sha256').update(s.wording).digest()[0]! < 51;
  const train = samples.filter((s) => !isTest(s));
  const test = samples.filter((s) => isTest(s));
  const models: IntakeModels = {
    category: trainNaiveBayes(train.map((s) => ({ tokens: s.tokens, label: s.category }))),
    type: trainNaiveBayes(train.map((s) => ({ tokens: s.tokens, label: s.type }))),
    urgency: trainNaiveBayes(train.map((s) => ({ tokens: s.tokens, label: s.urgency }))),
  };
  const accuracyOf = (field: 'category' | 'type' | 'urgency', top = 1) =>
    ratio(test.filter((s) => predict(models[field], s.tokens, top).some((p) => p.label === s[field])).length, test.length);
  const majority = (field: 'category' | 'type' | 'urgency') => {
    const counts = new Map<string, number>();
    for (const s of train) counts.set(s[field], (counts.get(s[field]) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    return ratio(test.filter((s) => s[field] === top).length, test.length);
  };
  const report: TrainingReport = {
    samples: samples.length,
    trainSamples: train.length,
    testSamples: test.length,
    accuracy: { category: accuracyOf('category'), categoryTop3: accuracyOf('category', 3), type: accuracyOf('type'), urgency: accuracyOf('urgency') },
    baseline: { category: majority('category'), type: majority('type'), urgency: majority('urgency') },
  };
  const model = em.create(IntakeModelEntity, {
    id: randomUUID(),
    trainedAt: now,
    samples: samples.length,
    accuracy: { ...report.accuracy, baselineCategory: report.baseline.category, baselineType: report.baseline.type, baselineUrgency: report.baseline.urgency, testSamples: test.length },
    parameters: models as unknown as Record<string, unknown>,
  });
  await em.flush();
  return { model, report };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : Math.round((a / b) * 1000) / 1000;
}
