import { NameForm } from '../ui/NameForm.js'
import { useT } from '../ui/useSettings.js'

/** Asks a first-time visitor for the name others will see; prefilled, so Enter is enough. */
export function NameDialog() {
  const t = useT()
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="name-dialog-title">
        <h2 id="name-dialog-title">{t('welcomeTitle')}</h2>
        <NameForm autoFocus />
      </div>
    </div>
  )
}
