/** The editor ⇄ engine protocol and the engine's side of it (hosts wrap `EngineSession`). */
export * from './messages';
export { ProtocolError, errorInfo, parseClientMessage, parseEngineMessage, transferables } from './codec';
export { EngineSession, type EngineHost } from './EngineSession';
