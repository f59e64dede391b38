// Thin shell: the engine runs the pure core off the main thread and answers the client's messages.
import loadHighs from 'highs';
import wasmUrl from 'highs/runtime?url';
import { createHighsSolver } from '../core/index';
import { createEngine } from './engine';
import { serveEngine } from './host';
import { TEST_WORKER_NAME } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
serveEngine(scope, createEngine({ loadSolver: async () => createHighsSolver(await loadHighs({ locateFile: () => wasmUrl })) }), { test: scope.name === TEST_WORKER_NAME });
