// Seeds 1..1000 of the simulator's swarm (the other half runs in a parallel file, so that both
// cores work).
import { defineSwarmTest } from './swarm.js';

defineSwarmTest(1, 1000);
