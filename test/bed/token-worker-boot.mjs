// Loads the TypeScript token worker inside a worker thread (workers do not inherit tsx's hooks).
import { register } from 'tsx/esm/api';
register();
await import('./token-worker.ts');
