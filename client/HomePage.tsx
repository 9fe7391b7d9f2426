import { useState } from 'react'
import { dateTimeText } from './i18n/plural.js'
import { LanguageSwitcher } from './ui/LanguageSwitcher.js'
import { NameForm } from './ui/NameForm.js'
import { NewWorkshopForm } from './ui/NewWorkshopForm.js'
import { TemplatePicker } from './ui/TemplatePicker.js'
import { boardHref, readRecentBoards } from './ui/recentBoards.js'
import { useSettings, useT } from './ui/useSettings.js'
import { WorkshopList } from './ui/WorkshopList.js'

/** The start page: a new board or workshop, this device's workshops and recently opened boards, the person's name and language. */
export function HomePage() {
  const t = useT()
  const language = useSettings((settings) => settings.language)
  const [recent] = useState(readRecentBoards)
  return (
    <main className="home">
      <header className="home-header">
        <h1>Kuilu</h1>
        <LanguageSwitcher />
      </header>
      <p className="tagline">{t('appTagline')}</p>
      <WorkshopList />
      <a className="button primary" href={`/new?lang=${language}`} data-testid="new-board">
        {t('newBoard')}
      </a>{' '}
      <span className="muted">{t('blankBoard')}</span>
      <TemplatePicker />
      <NewWorkshopForm />
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">{t('recentBoards')}</h2>
        {recent.length === 0 ? (
          <p className="muted">{t('noRecentBoards')}</p>
        ) : (
          <ul className="recent">
            {recent.map((board) => (
              <li key={board.id}>
                <a href={boardHref(board)}>{board.id.slice(0, 8)}…</a>{' '}
                <span className="muted">
                  {t('openedAt')} {dateTimeText(language, board.openedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="name-heading">
        <h2 id="name-heading">{t('yourName')}</h2>
        <NameForm />
      </section>
    </main>
  )
}
