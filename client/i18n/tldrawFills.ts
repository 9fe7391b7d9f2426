import { strings, type Language } from './strings.js'

/**
 * Our words in tldraw's own UI. tldraw 5.4.2 ships fi.json and sv.json, but
 * each leaves some keys out (tldraw then shows its English) or keeps the
 * English word where Finnish or Swedish has its own. These are the ones its
 * files lack, found by test/unit/dictionaries.test.ts, which compares its
 * files with its English one key by key; `TLDRAW_SAME_AS_ENGLISH` lists the
 * keys whose English word is also right in that language.
 */
const FILLS: Readonly<Record<Exclude<Language, 'en'>, Readonly<Record<string, string>>>> = {
  fi: {
    'comments.link-copied': 'Linkki kopioitu',
    'action.toggle-auto-none': 'Automaattinen',
    'font-style.sans': 'Päätteetön',
    'font-style.serif': 'Päätteellinen',
    'font-style.mono': 'Tasalevyinen',
    'tool.media': 'Kuva tai video',
    'tool.laser': 'Laserosoitin',
    'a11y.status': 'Tila',
  },
  sv: {
    'comments.link-copied': 'Länken har kopierats',
    'action.toggle-auto-none': 'Automatiskt',
    'action.select-zoom-tool': 'Zooma',
    'font-style.sans': 'Sanserif',
    'font-style.serif': 'Antikva',
    'font-style.mono': 'Fast bredd',
    'fill-style.semi': 'Halvgenomskinlig',
    'align-style.start': 'Början',
    'style-panel.arrowhead-start': 'Början',
    'style-panel.spline': 'Kurva',
    'tool.media': 'Bild eller video',
    'tool.laser': 'Laserpekare',
    'status.offline': 'Ingen anslutning',
  },
}

/**
 * tldraw keys whose text in its Finnish or Swedish file is the English word
 * and rightly so: brands, file formats, percentages, and words Swedish
 * (or Finnish) writes the same way ("Status", "Text", "Oval", "Video").
 */
export const TLDRAW_SAME_AS_ENGLISH: Readonly<Record<Exclude<Language, 'en'>, readonly string[]>> = {
  fi: [
    'action.copy-as-json.short',
    'action.copy-as-png.short',
    'action.copy-as-svg.short',
    'action.export-as-png.short',
    'action.export-as-svg.short',
    'action.export-all-as-png.short',
    'action.export-all-as-svg.short',
    'opacity-style.0.1',
    'opacity-style.0.25',
    'opacity-style.0.5',
    'opacity-style.0.75',
    'opacity-style.1',
    'a11y.shape-video',
    'help-menu.discord',
    'help-menu.github',
    'help-menu.twitter',
  ],
  sv: [
    'action.copy-as-json.short',
    'action.copy-as-png.short',
    'action.copy-as-svg.short',
    'action.export-as-png.short',
    'action.export-as-svg.short',
    'action.export-all-as-png.short',
    'action.export-all-as-svg.short',
    'theme.system',
    'color-style.orange',
    'geo-style.oval',
    'tool.hand',
    'tool.oval',
    'tool.text',
    'tool.aspect-ratio.original',
    'a11y.status',
    'a11y.shape-video',
    'help-menu.discord',
    'help-menu.github',
    'help-menu.twitter',
    'edit-link-dialog.url',
    'embed-dialog.url',
    'toast.info',
  ],
}

/** Our tools' and actions' labels in tldraw's toolbar, menus and shortcuts dialog, from the one dictionary. */
function kuiluLabels(language: Language): Record<string, string> {
  const t = strings[language]
  return {
    'tool.journey': t['tool.journey'],
    'tool.touchpoint': t['tool.touchpoint'],
    'tool.gap': t['tool.gap'],
    'tool.elevator': t['tool.elevator'],
    'action.add-elevator': t.addElevator,
  }
}

/** What we add to tldraw's messages in one language: its missing words filled, and our own tools' labels. */
export function kuiluTldrawMessages(language: Language): Record<string, string> {
  return { ...(language === 'en' ? {} : FILLS[language]), ...kuiluLabels(language) }
}

/**
 * tldraw's `translations` override while `language` is chosen. tldraw paints
 * its first frames in English plus `overrides.en`, and switches to the
 * chosen language only when it has fetched that file, 1–4 s later on a busy
 * machine. So when the chosen language's file is already here (`preloaded`,
 * fetched from our server before the board mounts), `en` carries its words:
 * the first frame is in the chosen language. Each language's own entry
 * carries our additions, which tldraw lays over its file once fetched.
 */
export function tldrawTranslationOverrides(language: Language, preloaded?: Readonly<Record<string, string>>): Record<string, Record<string, string>> {
  const overrides: Record<string, Record<string, string>> = { en: kuiluTldrawMessages('en'), fi: kuiluTldrawMessages('fi'), sv: kuiluTldrawMessages('sv') }
  if (language !== 'en') overrides.en = { ...preloaded, ...overrides[language] }
  return overrides
}
