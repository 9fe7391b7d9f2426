import { createRoot } from 'react-dom/client'
import 'tldraw/tldraw.css'
import { App } from './App.js'
import { registerServiceWorker } from './registerServiceWorker.js'
import './styles.css'

createRoot(document.getElementById('root')!).render(<App />)
if (import.meta.env.PROD) registerServiceWorker()
