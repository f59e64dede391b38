// Thin shell: the engine runs the pure core off the main thread and answers the client's messages.
import loadHighs from 'highs';
import highsWasm from 'highs/runtime?url';
import { createHighsSolver } from '../core/index';
import { createEngine } from './engine';
import { serveEngine } from './host';
import { TEST_WORKER_NAME } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// HiGHS is loaded on the first request that needs it, from the wasm the build bundles
const loadSolver = async () => createHighsSolver(await loadHighs({ locateFile: () => highsWasm }));
serveEngine(scope, createEngine({ loadSolver }), { test: scope.name === TEST_WORKER_NAME });
