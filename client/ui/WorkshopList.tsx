import { useState } from 'react'
import { dateTimeText } from '../i18n/plural.js'
import { boardHref, readRecentBoards, type RecentBoard } from './recentBoards.js'
import { readRecentWorkshops, type RecentWorkshop } from './recentWorkshops.js'
import { useSettings, useT } from './useSettings.js'

/** The board a workshop opens on: the one this device opened last with the workshop's token, else the one it was remembered on. */
export function lastBoardOf(workshop: RecentWorkshop, recent: readonly RecentBoard[]): string {
  return recent.find((board) => board.token === workshop.token)?.id ?? workshop.boardId
}

/** The home page's list of this device's workshops: each opens again with the token it was opened with. */
export function WorkshopList() {
  const t = useT()
  const language = useSettings((settings) => settings.language)
  const [workshops] = useState(readRecentWorkshops)
  const [recent] = useState(readRecentBoards)
  return (
    <section aria-labelledby="workshops-heading" data-testid="my-workshops">
      <h2 id="workshops-heading">{t('yourWorkshops')}</h2>
      {workshops.length === 0 ? (
        <p className="muted">{t('noWorkshops')}</p>
      ) : (
        <ul className="recent">
          {workshops.map((workshop) => (
            <li key={`${workshop.workshopId}:${workshop.role}`} data-testid="my-workshop" data-workshop-id={workshop.workshopId} data-role={workshop.role}>
              <strong>{workshop.title}</strong> <span className="muted">({t(`role.${workshop.role}`)})</span>{' '}
              <a className="button" href={boardHref({ id: lastBoardOf(workshop, recent), token: workshop.token })} data-testid="open-workshop">
                {t('openWorkshop')}
              </a>{' '}
              <span className="muted">
                {t('openedAt')} {dateTimeText(language, workshop.openedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
