/**
 * The engine host window's preload: receives the engine's end of each editor ↔ engine channel
 * (IPC.enginePort, posted by main's EngineHostSupervisor) and hands it to the host page with
 * `window.postMessage({ type: 'deepwire-engine-port' }, '*', [port])`, the same way the editor's
 * preload does. Exposes nothing else: the host page needs no API of main.
 */
import { ipcRenderer } from 'electron';
import { CHANNELS, forwardPortToPage } from './preloadChannels';

ipcRenderer.on(CHANNELS.enginePort, (event) => {
  const [port] = event.ports;
  if (port) forwardPortToPage(port);
});
