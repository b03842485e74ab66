import { useState } from 'preact/hooks';
import { useT } from '../i18n';

/** A value to record elsewhere (a hash, a chain head), with a copy button. */
export function Copyable({ value, label }: { value: string; label?: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <span class="copyable">
      <code title={label}>{value}</code>
      {navigator.clipboard ? (
        <button
          type="button"
          class="link"
          onClick={() =>
            void navigator.clipboard.writeText(value).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            })
          }
        >
          {copied ? t('copied') : t('copy')}
        </button>
      ) : null}
    </span>
  );
}
