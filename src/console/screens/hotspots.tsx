import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import type { HotspotsQuery } from '../../../schema/generated/graphql';
import { documents } from '../api/documents';
import { useReference } from '../api/reference';
import { useSession } from '../auth/session';
import { chinaIso, presetPeriod } from '../format';
import { useT } from '../i18n';
import { ErrorBanner, Loading } from '../ui/feedback';
import { PeriodPicker, type Period } from '../ui/period';

type Hotspot = HotspotsQuery['hotspots'][number];

/** 未诉先办: significant clusters on a place grid (township × category), observed against expected. */
export function Hotspots() {
  const t = useT();
  const session = useSession();
  const reference = useReference();
  const home = session.claims.region ?? '';
  const [region, setRegion] = useState(home);
  const [period, setPeriod] = useState<Period>(presetPeriod('last3Days'));
  const [selected, setSelected] = useState<Hotspot | null>(null);
  const [result] = useQuery({ query: documents.hotspots, variables: { region, from: chinaIso(period!.from), to: chinaIso(period!.to) }, pause: !region });
  const hotspots = result.data?.hotspots ?? [];
  const places = [...new Map(hotspots.map((h) => [h.place, h.placeName ?? reference.regionName(h.place)])).entries()];
  const categories = [...new Map(hotspots.map((h) => [h.category?.code ?? '', h.category?.name ?? '—'])).entries()];
  const cell = (place: string, category: string) => hotspots.find((h) => h.place === place && (h.category?.code ?? '') === category);
  const strength = (h: Hotspot) => Math.min(1, -Math.log10(Math.max(h.pValue, 1e-300)) / 12);
  const districts = reference.regions.filter((r) => r.parent === home);
  return (
    <section>
      <h2>{t('navHotspots')}</h2>
      <p class="intro">{t('hotspotsIntro')}</p>
      <div class="filters">
        <label>
          {t('region')}
          <select value={region} onChange={(e) => setRegion(e.currentTarget.value)}>
            <option value={home}>{reference.regionName(home)}</option>
            {districts.map((d) => (
              <option value={d.code}>{d.name}</option>
            ))}
          </select>
        </label>
        <PeriodPicker presets={['last3Days', 'last7Days', 'today', 'last30Days']} value={period} onChange={(p) => p && setPeriod(p)} />
      </div>
      <ErrorBanner error={result.error} />
      <Loading when={result.fetching} />
      {!result.fetching && !result.error && hotspots.length === 0 ? <p class="muted">{t('noHotspots')}</p> : null}
      {hotspots.length > 0 ? (
        <div class="grid-wrap">
          <table class="place-grid" data-testid="place-grid">
            <thead>
              <tr>
                <th>{t('place')}</th>
                {categories.map(([, name]) => (
                  <th>{name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {places.map(([place, placeName]) => (
                <tr>
                  <th scope="row">{placeName}</th>
                  {categories.map(([code, name]) => {
                    const h = cell(place, code);
                    return h ? (
                      <td class="hot" style={{ '--heat': String(strength(h)) } as Record<string, string>}>
                        <button type="button" aria-label={`${placeName} · ${name}`} data-place={placeName} data-category={name} onClick={() => setSelected(h)}>
                          {h.observed} / {h.expected.toFixed(1)}
                        </button>
                      </td>
                    ) : (
                      <td class="cold" />
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {selected ? (
        <div class="panel" data-testid="hotspot-detail">
          <h3>
            {selected.placeName ?? reference.regionName(selected.place)} · {selected.category?.name ?? '—'}
          </h3>
          <dl class="figures">
            <dt>{t('observed')}</dt>
            <dd data-testid="observed">{selected.observed}</dd>
            <dt>{t('expected')}</dt>
            <dd data-testid="expected">{selected.expected.toFixed(2)}</dd>
            <dt>{t('ratio')}</dt>
            <dd>{selected.ratio.toFixed(1)}×</dd>
            <dt>{t('pValue')}</dt>
            <dd>{selected.pValue.toExponential(2)}</dd>
            <dt>{t('caseCount')}</dt>
            <dd>{selected.caseCount}</dd>
          </dl>
          {selected.cases.length > 0 ? (
            <>
              <h4>{t('casesBehind')}</h4>
              <ul class="cases">
                {selected.cases.map((c) => (
                  <li>
                    <span class="mono">{c.number}</span> {c.title}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
