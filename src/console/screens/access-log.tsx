import { useContext, useState } from 'preact/hooks';
import type { AccessDecision, AccessEventFilter } from '../../../schema/generated/graphql';
import { useReference } from '../api/reference';
import { chinaIso, fromLocalInput, toLocalInput } from '../format';
import { LangContext, useT } from '../i18n';
import { FIELDS, PURPOSES, ROLES } from '../labels';
import { navigate, useRoute } from '../router';
import { EventTable } from './events';

const DECISIONS: AccessDecision[] = ['ALLOWED', 'MASKED', 'DENIED'];

/** The access log, filtered by person, unit, case, field, decision, purpose and period (the filter lives in the address). */
export function AccessLog() {
  const t = useT();
  const { lang } = useContext(LangContext);
  const reference = useReference();
  const { params } = useRoute();
  const initial = Object.fromEntries(params.entries());
  const [form, setForm] = useState<Record<string, string>>(initial);
  const set = (key: string) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  const filter: AccessEventFilter = {};
  for (const key of ['principalId', 'unit', 'caseId', 'field', 'purpose', 'role', 'requestId'] as const) if (params.get(key)) filter[key] = params.get(key);
  if (params.get('decision')) filter.decision = params.get('decision') as AccessDecision;
  if (params.get('from')) filter.from = params.get('from');
  if (params.get('to')) filter.to = params.get('to');
  const search = (event: Event) => {
    event.preventDefault();
    const next = { ...form };
    for (const key of ['from', 'to']) {
      const d = fromLocalInput(form[`${key}Local`] ?? '');
      next[key] = d ? chinaIso(d) : '';
      delete next[`${key}Local`];
    }
    navigate('/audit/events', next);
  };
  const local = (key: 'from' | 'to') => form[`${key}Local`] ?? (params.get(key) ? toLocalInput(new Date(params.get(key)!)) : '');
  return (
    <section>
      <h2>{t('navEvents')}</h2>
      <form class="filters" onSubmit={search}>
        <label>
          {t('person')}
          <input name="principalId" value={form.principalId ?? ''} onInput={set('principalId')} placeholder="sub" />
        </label>
        <label>
          {t('role')}
          <select name="role" value={form.role ?? ''} onChange={set('role')}>
            <option value="">{t('any')}</option>
            {Object.entries(ROLES).map(([code, names]) => (
              <option value={code}>{names[lang]}</option>
            ))}
          </select>
        </label>
        <label>
          {t('unit')}
          <select name="unit" value={form.unit ?? ''} onChange={set('unit')}>
            <option value="">{t('any')}</option>
            {reference.units.map((u) => (
              <option value={u.rawId}>{u.name}</option>
            ))}
          </select>
        </label>
        <label>
          {t('case')}
          <input name="caseId" value={form.caseId ?? ''} onInput={set('caseId')} placeholder="Case id" />
        </label>
        <label>
          {t('field')}
          <select name="field" value={form.field ?? ''} onChange={set('field')}>
            <option value="">{t('any')}</option>
            {Object.entries(FIELDS).map(([path, names]) => (
              <option value={path}>{names[lang]}</option>
            ))}
          </select>
        </label>
        <label>
          {t('decision')}
          <select name="decision" value={form.decision ?? ''} onChange={set('decision')}>
            <option value="">{t('any')}</option>
            {DECISIONS.map((d) => (
              <option value={d}>{t(d)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('purpose')}
          <select name="purpose" value={form.purpose ?? ''} onChange={set('purpose')}>
            <option value="">{t('any')}</option>
            {Object.entries(PURPOSES).map(([code, names]) => (
              <option value={code}>{names[lang]}</option>
            ))}
          </select>
        </label>
        <label>
          {t('from')}
          <input type="datetime-local" value={local('from')} onInput={set('fromLocal')} />
        </label>
        <label>
          {t('to')}
          <input type="datetime-local" value={local('to')} onInput={set('toLocal')} />
        </label>
        <div class="actions">
          <button type="submit" class="primary">
            {t('search')}
          </button>
          <button
            type="button"
            onClick={() => {
              setForm({});
              navigate('/audit/events');
            }}
          >
            {t('reset')}
          </button>
        </div>
      </form>
      <EventTable filter={filter} />
    </section>
  );
}
