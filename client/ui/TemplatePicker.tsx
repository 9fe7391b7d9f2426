import { TEMPLATE_NAMES, templatePreview } from '../../shared/templates/templates.js'
import { useSettings, useT } from './useSettings.js'

/** The home page's templates: each with its title, a sentence, and a small preview of its grids. */
export function TemplatePicker() {
  const t = useT()
  const language = useSettings((settings) => settings.language)
  return (
    <section aria-labelledby="templates-heading">
      <h2 id="templates-heading">{t('templates')}</h2>
      <ul className="templates">
        {TEMPLATE_NAMES.map((name) => {
          const preview = templatePreview(name, language)
          return (
            <li key={name}>
              <a className="template" href={`/new?template=${name}&lang=${language}`} data-testid={`template-${name}`}>
                <strong>{preview.title}</strong>
                <span className="muted">{preview.description}</span>
                {preview.grids.map((grid) => (
                  <span key={grid.title} className="template-preview" aria-hidden="true">
                    <span className="template-grid-title">{grid.title}</span>
                    <span className="template-stages">
                      {grid.stages.map((stage) => (
                        <span key={stage}>{stage}</span>
                      ))}
                    </span>
                    <span className="template-lanes">{grid.lanes.join(' · ')}</span>
                  </span>
                ))}
              </a>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
