import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
// Hangul everywhere: Windows and macOS have Korean fonts, many Linux desktops do not. The Korean
// subset of Noto Sans KR (regular and bold, loaded only when Hangul is on screen) is bundled; the
// stack in styles.css prefers the system's own fonts.
import '@fontsource/noto-sans-kr/korean-400.css';
import '@fontsource/noto-sans-kr/korean-700.css';
import './styles.css';
import { hangulFontsReady, startLocale } from './i18n';
import { App } from './App';

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// Korean text drawn before its font has loaded stays as empty boxes in Chromium (see fonts.ts).
document.documentElement.lang = startLocale();
const fontsReady = startLocale() === 'ko' ? hangulFontsReady() : null;
if (fontsReady) void fontsReady.then(render);
else render();
