import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
// Hangul everywhere: Windows and macOS have Korean fonts, many Linux desktops do not. The Korean
// subset of Noto Sans KR (regular and bold, loaded only when Hangul is on screen) is bundled; the
// stack in styles.css prefers the system's own fonts.
import '@fontsource/noto-sans-kr/korean-400.css';
import '@fontsource/noto-sans-kr/korean-700.css';
import './styles.css';
import './i18n';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
