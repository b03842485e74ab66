import { useState } from 'preact/hooks';
import { fromLocalInput, presetPeriod, toLocalInput, type PeriodPreset } from '../format';
import { useT } from '../i18n';

export type Period = { from: Date; to: Date } | null;

/**
 * A period in China time: presets (this week, last 7 days …), a custom [from, to), or, where the
 * screen allows it, the whole log (null).
 */
export function PeriodPicker(props: { presets: PeriodPreset[]; value: Period; onChange: (period: Period) => void; allowAll?: boolean; initial?: PeriodPreset | 'all' }) {
  const t = useT();
  const [choice, setChoice] = useState<string>(props.initial ?? props.presets[0]!);
  const choose = (value: string) => {
    setChoice(value);
    if (value === 'all') props.onChange(null);
    else if (value !== 'custom') props.onChange(presetPeriod(value as PeriodPreset));
  };
  return (
    <fieldset class="period">
      <legend>{t('period')}</legend>
      <select aria-label={t('period')} value={choice} onChange={(e) => choose(e.currentTarget.value)}>
        {props.presets.map((p) => (
          <option value={p}>{t(p)}</option>
        ))}
        {props.allowAll ? <option value="all">{t('allTime')}</option> : null}
        <option value="custom">{t('custom')}</option>
      </select>
      {choice === 'custom' ? (
        <>
          <label>
            {t('from')}{' '}
            <input
              type="datetime-local"
              value={props.value ? toLocalInput(props.value.from) : ''}
              onChange={(e) => {
                const from = fromLocalInput(e.currentTarget.value);
                if (from) props.onChange({ from, to: props.value?.to ?? new Date() });
              }}
            />
          </label>
          <label>
            {t('to')}{' '}
            <input
              type="datetime-local"
              value={props.value ? toLocalInput(props.value.to) : ''}
              onChange={(e) => {
                const to = fromLocalInput(e.currentTarget.value);
                if (to) props.onChange({ from: props.value?.from ?? new Date(to.getTime() - 7 * 86_400_000), to });
              }}
            />
          </label>
        </>
      ) : null}
    </fieldset>
  );
}
