import { createRoot } from 'react-dom/client'
import 'tldraw/tldraw.css'
import { App } from './App.js'
import { followDocumentLanguage } from './i18n/documentLanguage.js'
import { markEnglishParts } from './i18n/markEnglishParts.js'
import { nameNotificationsRegion } from './i18n/notificationsRegion.js'
import { registerServiceWorker } from './registerServiceWorker.js'
import { takeInviteToken } from './ui/inviteTokens.js'
import { registerUiEmojiFont } from './ui/UiEmoji.js'
import './styles.css'

// Before anything renders: tldraw's licence check reads the page's address.
takeInviteToken()
registerUiEmojiFont()
followDocumentLanguage()
markEnglishParts()
nameNotificationsRegion()
createRoot(document.getElementById('root')!).render(<App />)
if (import.meta.env.PROD) registerServiceWorker()
