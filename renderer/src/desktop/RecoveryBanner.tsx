/**
 * The offer to restore a crashed session's backup: a banner over the canvas (not a modal: the
 * user may look at the empty editor first), with the backup's time, Restore and Discard.
 */
import { useLocale } from '../i18n';
import { baseName, stem, type Recovery } from './model';
import './desktop.css';

export function RecoveryBanner({ recovery, onRestore, onDiscard }: { recovery: Recovery; onRestore: () => void; onDiscard: () => void }) {
  const { t, locale } = useLocale();
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(recovery.savedAt));
  const name = recovery.path ? stem(baseName(recovery.path)) : t('desktopUi.recovery.unnamed');
  return (
    <div className="dw-recovery" role="alertdialog" aria-labelledby="dw-recovery-title" data-testid="recovery-banner">
      <strong id="dw-recovery-title">{t('desktopUi.recovery.title')}</strong>
      <span data-testid="recovery-message">{t('desktopUi.recovery.message', { name, time })}</span>
      <span className="spacer" />
      <button className="primary" onClick={onRestore} data-testid="recovery-restore">{t('desktopUi.recovery.restore')}</button>
      <button onClick={onDiscard} data-testid="recovery-discard">{t('desktopUi.recovery.discard')}</button>
    </div>
  );
}
